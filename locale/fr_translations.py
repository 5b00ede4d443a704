"""French translations of the interface, applied to django.po by `make messages`.

Kept as a table so that a translator can review them in one place; `make messages` regenerates
the catalogue, fills it from this table and compiles it.
"""

FR = {
    "Reason for change": "Motif de la modification",
    "Recorded in the history.": "Enregistré dans l'historique.",
    "Deleted in the admin by %(user)s": "Supprimé dans l'administration par %(user)s",
    "Delegation": "Délégation",
    "ISCM Guidelines": "Directives GISC",
    "Customs administration": "Administration des douanes",
    "Private sector": "Secteur privé",
    "Secretariat": "Secrétariat",
    "code": "code",
    "name": "nom",
    "kind": "type",
    "delegation": "délégation",
    "delegations": "délégations",
    "user": "utilisateur",
    "users": "utilisateurs",
    "slug": "identifiant",
    "title": "titre",
    "description": "description",
    "created at": "créé le",
    "document": "document",
    "documents": "documents",
    "Front matter (unnumbered)": "Préliminaires (non numérotés)",
    "Part": "Partie",
    "Chapter": "Chapitre",
    "Section": "Section",
    "Annex": "Annexe",
    "parent": "parent",
    "position among siblings": "position parmi les sections sœurs",
    "stable key": "clé stable",
    "heading": "titre",
    "text": "texte",
    "version": "version",
    "deleted": "supprimée",
    "deleted at": "supprimée le",
    "deleted by": "supprimée par",
    "updated at": "modifiée le",
    "section": "section",
    "sections": "sections",
    "number": "numéro",
    "added in edition": "ajouté dans l'édition",
    "verified against the WCO text": "vérifié par rapport au texte de l'OMD",
    "Tick once the title has been checked against the official text.":
        "Cocher une fois le titre vérifié par rapport au texte officiel.",
    "SAFE pillar": "pilier SAFE",
    "SAFE pillars": "piliers SAFE",
    "pillar": "pilier",
    "tier": "niveau",
    "SAFE standard": "norme SAFE",
    "SAFE standards": "normes SAFE",
    "implements": "met en œuvre",
    "supports": "appuie",
    "overlaps / duplicates": "recoupe / fait double emploi",
    "to be integrated into": "à intégrer dans",
    "standard": "norme",
    "relation": "relation",
    "note": "note",
    "removed": "retirée",
    "mapping": "correspondance",
    "mappings": "correspondances",
    "Show or hide subsections": "Afficher ou masquer les sous-sections",
    "English": "Anglais",
    "French": "Français",
    "Not allowed": "Action non autorisée",
    "Your role does not allow this action. If you think it should, ask the WCO Secretariat.":
        "Votre rôle ne permet pas cette action. Si vous pensez qu'il le devrait, "
        "adressez-vous au Secrétariat de l'OMD.",
    "Back to the documents": "Retour aux documents",
    "Not found": "Page introuvable",
    "There is no page at this address. The document or section may have a different key, "
    "or it may never have existed.":
        "Il n'y a pas de page à cette adresse. Le document ou la section a peut-être une autre "
        "clé, ou n'a jamais existé.",
    "ISCM Tracker": "ISCM Tracker",
    "Skip to content": "Aller au contenu",
    "Main": "Principal",
    "Documents": "Documents",
    "SAFE Framework": "Cadre SAFE",
    "Administration": "Administration",
    "Signed in as": "Connecté en tant que",
    "Sign out": "Se déconnecter",
    "ISCM Tracker: drafting the Customs Guidelines on Integrated Supply Chain Management for "
    "the WCO SAFE Mini-Group.":
        "ISCM Tracker : rédaction des Directives douanières sur la gestion intégrée de la "
        "chaîne logistique pour le mini-groupe SAFE de l'OMD.",
    "%(covered)s of %(total)s standards are covered.":
        "%(covered)s normes sur %(total)s sont couvertes.",
    "Outline": "Plan",
    "Expand all": "Tout déplier",
    "Collapse all": "Tout replier",
    "Pages": "Pages",
    "Newer": "Plus récentes",
    "Page %(n)s of %(total)s": "Page %(n)s sur %(total)s",
    "Older": "Plus anciennes",
    "SAFE coverage": "Couverture SAFE",
    "SAFE coverage matrix": "Matrice de couverture SAFE",
    "Which sections relate to which SAFE standards, and which standards no section covers.":
        "Quelles sections se rapportent à quelles normes SAFE, et quelles normes aucune section "
        "ne couvre.",
    "Pillar": "Pilier",
    "All pillars": "Tous les piliers",
    "Filter": "Filtrer",
    "Document": "Document",
    "JSON": "JSON",
    "This document has no sections yet.": "Ce document n'a pas encore de sections.",
    "Read": "Lire",
    "No documents yet.": "Aucun document pour l'instant.",
    "SAFE Framework of Standards": "Cadre de normes SAFE",
    "Reference data": "Données de référence",
    "The pillars and standards of the SAFE Framework, and the sections of the Guidelines "
    "mapped to each.":
        "Les piliers et normes du Cadre SAFE, et les sections des Directives rattachées à "
        "chacune.",
    "Edit the reference data": "Modifier les données de référence",
    "Titles still to be checked against the official WCO text":
        "Titres encore à vérifier par rapport au texte officiel de l'OMD",
    "to verify": "à vérifier",
    "No section is mapped to this standard.": "Aucune section n'est rattachée à cette norme.",
    "Breadcrumbs": "Fil d'Ariane",
    "Version %(version)s · last changed %(updated)s":
        "Version %(version)s · dernière modification le %(updated)s",
    "History": "Historique",
    "Stable key: never changes, even when the section is renumbered or moved":
        "Clé stable : elle ne change jamais, même si la section est renumérotée ou déplacée",
    "key": "clé",
    "Subsections": "Sous-sections",
    "SAFE Framework mappings": "Correspondances avec le Cadre SAFE",
    "Standard": "Norme",
    "Relation": "Relation",
    "Note": "Note",
    "This section is not mapped to any SAFE standard yet.":
        "Cette section n'est encore rattachée à aucune norme SAFE.",
    "Previous and next section": "Section précédente et suivante",
    "History of %(heading)s": "Historique de %(heading)s",
    "History of “%(heading)s”": "Historique de « %(heading)s »",
    "Every change is kept, newest first. A version is never edited.":
        "Chaque modification est conservée, la plus récente en premier. Une version n'est "
        "jamais modifiée.",
    "Version": "Version",
    "When": "Quand",
    "Who": "Qui",
    "Heading": "Titre",
    "system": "système",
    "Sign in": "Se connecter",
    "ISCM Tracker is open to the SAFE Mini-Group delegations, the WCO Secretariat and "
    "observers.":
        "ISCM Tracker est ouvert aux délégations du mini-groupe SAFE, au Secrétariat de l'OMD "
        "et aux observateurs.",
    "Username": "Nom d'utilisateur",
    "facilitator": "facilitateur",
    "member": "membre",
    "secretariat": "secrétariat",
    "observer": "observateur",
    "Password": "Mot de passe",
}

FR_PLURAL = {
    "%(n)s standard not covered by any section": (
        "%(n)s norme couverte par aucune section",
        "%(n)s normes couvertes par aucune section",
    ),
}
