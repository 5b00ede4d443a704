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

FR.update({
    "Recorded in the history, e.g. “Aligned with SAFE FoS 2021 wording”.":
        "Enregistré dans l'historique, par ex. « Aligné sur le libellé du Cadre SAFE 2021 ».",
    "A heading is required.": "Un titre est obligatoire.",
    "Text": "Texte",
    "Markdown: **bold**, *italic*, lists with -, tables with |.":
        "Markdown : **gras**, *italique*, listes avec -, tableaux avec |.",
    "Where": "Emplacement",
    "After this section": "Après cette section",
    "Before this section": "Avant cette section",
    "Inside this section, at the end": "Dans cette section, à la fin",
    "Kind": "Type",
    "Why the section goes. It can be restored at any time.":
        "Pourquoi la section est retirée. Elle peut être rétablie à tout moment.",
    "Moved from here": "Déplacé d'ici",
    "Moved here": "Déplacé ici",
    "The text is %(size)s KB; the limit is %(limit)s KB. Split the section or shorten the text: "
    "nothing was saved, and your text is still in the form.":
        "Le texte fait %(size)s Ko ; la limite est de %(limit)s Ko. Scindez la section ou "
        "raccourcissez le texte : rien n'a été enregistré et votre texte est toujours dans le "
        "formulaire.",
    "There is no such version of this section.": "Cette version de la section n'existe pas.",
    "Restored version %(version)s": "Version %(version)s rétablie",
    "This section is deleted: restore it first.":
        "Cette section est supprimée : rétablissez-la d'abord.",
    "Choose where the new section goes.": "Choisissez l'emplacement de la nouvelle section.",
    "The section is already at the edge of its level.":
        "La section est déjà en bout de son niveau.",
    "Moved up": "Déplacée vers le haut",
    "Moved down": "Déplacée vers le bas",
    "The first section of a level cannot be indented.":
        "La première section d'un niveau ne peut pas être mise en retrait.",
    "Indented under %(heading)s": "Mise en retrait sous %(heading)s",
    "A top-level section cannot be outdented.":
        "Une section de premier niveau ne peut pas remonter d'un niveau.",
    "Outdented out of %(heading)s": "Remontée hors de %(heading)s",
    "Its parent section is deleted too: restore the parent first.":
        "Sa section parente est aussi supprimée : rétablissez d'abord la section parente.",
    "Restored the section": "Section rétablie",
    "Saved as version %(v)s.": "Enregistré comme version %(v)s.",
    "Nothing changed, so no new version was made.":
        "Rien n'a changé : aucune nouvelle version n'a été créée.",
    "Unknown action.": "Action inconnue.",
    "Structure updated; numbers follow.": "Structure mise à jour ; la numérotation suit.",
    "“%(h)s” was deleted. It can be restored from the document page.":
        "« %(h)s » a été supprimée. Elle peut être rétablie depuis la page du document.",
    "Section added.": "Section ajoutée.",
    "Not restored: %(e)s": "Non rétabli : %(e)s",
    "That version is the current text already.": "Cette version est déjà le texte actuel.",
    "Activity": "Activité",
    "Latest changes across all sections, newest first.":
        "Dernières modifications de toutes les sections, les plus récentes en premier.",
    "Person": "Personne",
    "Everyone": "Tout le monde",
    "All delegations": "Toutes les délégations",
    "No changes match.": "Aucune modification ne correspond.",
    "Deleted sections": "Sections supprimées",
    "someone": "quelqu'un",
    "deleted %(when)s by %(who)s": "supprimée le %(when)s par %(who)s",
    "Restore": "Rétablir",
    "Add a section": "Ajouter une section",
    "Add section": "Ajouter une section",
    "Cancel": "Annuler",
    "Compare versions of %(h)s": "Comparer des versions de %(h)s",
    "Compare versions": "Comparer des versions",
    "From version %(a)s (%(ad)s) to version %(b)s (%(bd)s)":
        "De la version %(a)s (%(ad)s) à la version %(b)s (%(bd)s)",
    "%(i)s words inserted, %(d)s deleted": "%(i)s mots insérés, %(d)s supprimés",
    "Inline": "En ligne",
    "Side by side": "Côte à côte",
    "Heading changed": "Titre modifié",
    "top level": "premier niveau",
    "Moved: from place %(p)s under “%(a)s” to place %(q)s under “%(b)s”.":
        "Déplacée : de la place %(p)s sous « %(a)s » à la place %(q)s sous « %(b)s ».",
    "Version %(v)s": "Version %(v)s",
    "The text is the same in both versions.": "Le texte est identique dans les deux versions.",
    "Not saved: someone else saved first": "Non enregistré : quelqu'un a enregistré avant vous",
    "You started from version %(base)s; the section is now at version %(current)s. Your text "
    "was not saved and is kept below: check what changed, merge, and save again.":
        "Vous êtes parti de la version %(base)s ; la section est maintenant à la version "
        "%(current)s. Votre texte n'a pas été enregistré et est conservé ci-dessous : vérifiez "
        "ce qui a changé, fusionnez, puis enregistrez à nouveau.",
    "The version you started from could not be identified. Your text was not saved and is kept "
    "below; the section is now at version %(current)s.":
        "La version de départ n'a pas pu être identifiée. Votre texte n'a pas été enregistré et "
        "est conservé ci-dessous ; la section est maintenant à la version %(current)s.",
    "Version %(v)s by %(who)s, %(when)s: %(reason)s":
        "Version %(v)s par %(who)s, %(when)s : %(reason)s",
    "What the other person changed": "Ce que l'autre personne a modifié",
    "Your text compared with the current version": "Votre texte comparé à la version actuelle",
    "Your text (not saved yet)": "Votre texte (pas encore enregistré)",
    "Saving now makes your text version %(v)s, replacing the other person's changes with what is "
    "in the box: merge them first.":
        "Enregistrer maintenant fait de votre texte la version %(v)s et remplace les "
        "modifications de l'autre personne par le contenu du champ : fusionnez-les d'abord.",
    "Save": "Enregistrer",
    "Delete section": "Supprimer la section",
    "Delete “%(h)s”?": "Supprimer « %(h)s » ?",
    "The section and its subsections leave the text; everything stays in the history and can be "
    "restored from the document page.":
        "La section et ses sous-sections quittent le texte ; tout reste dans l'historique et "
        "peut être rétabli depuis la page du document.",
    "Delete": "Supprimer",
    "Deleted section": "Section supprimée",
    "This section was deleted on %(when)s by %(who)s. It is no longer part of the text, and it "
    "cannot be edited until it is restored.":
        "Cette section a été supprimée le %(when)s par %(who)s. Elle ne fait plus partie du "
        "texte et ne peut être modifiée qu'après avoir été rétablie.",
    "This section is deleted. It cannot be edited until it is restored.":
        "Cette section est supprimée. Elle ne peut être modifiée qu'après avoir été rétablie.",
    "Restore this section": "Rétablir cette section",
    "Its last text": "Son dernier texte",
    "Last change": "Dernière modification",
    "Editing": "Édition",
    "Edit": "Modifier",
    "Move up": "Monter",
    "Up": "Monter",
    "Move down": "Descendre",
    "Down": "Descendre",
    "Make it a subsection of the previous section":
        "En faire une sous-section de la section précédente",
    "Indent": "Mettre en retrait",
    "Move it one level up": "La remonter d'un niveau",
    "Outdent": "Remonter d'un niveau",
    "Edit %(h)s": "Modifier %(h)s",
    "Edit “%(h)s”": "Modifier « %(h)s »",
    "You are editing version %(v)s. If someone saves before you, your save is refused and "
    "nothing you typed is lost.":
        "Vous modifiez la version %(v)s. Si quelqu'un enregistre avant vous, votre "
        "enregistrement est refusé et rien de ce que vous avez saisi n'est perdu.",
    "Preview": "Aperçu",
    "Every change is kept, newest first. A version is never edited. Pick two rows to compare "
    "them.":
        "Chaque modification est conservée, la plus récente en premier. Une version n'est "
        "jamais modifiée. Choisissez deux lignes pour les comparer.",
    "From": "De",
    "To": "À",
    "Compare from version %(n)s": "Comparer depuis la version %(n)s",
    "Compare to version %(n)s": "Comparer avec la version %(n)s",
    "Restore version %(n)s": "Rétablir la version %(n)s",
    "Compare selected versions": "Comparer les versions choisies",
})

FR_PLURAL = {
    "%(n)s standard not covered by any section": (
        "%(n)s norme couverte par aucune section",
        "%(n)s normes couvertes par aucune section",
    ),
}

FR.update({
    "Next to": "À côté de",
    "Rationale": "Justification",
    "Why the change: it becomes the reason for change if accepted.":
        "Pourquoi ce changement : ce sera le motif de la modification s'il est accepté.",
    "Note on the decision": "Note sur la décision",
    "Reason for rejecting": "Motif du rejet",
    "Reply": "Répondre",
    "Status": "Statut",
    "Any status": "Tous les statuts",
    "SAFE pillar or standard": "Pilier ou norme SAFE",
    "e.g. P1 or P1.S6": "par ex. P1 ou P1.S6",
    "Amend the text": "Modifier le texte",
    "Insert a new section": "Insérer une nouvelle section",
    "Delete the section": "Supprimer la section",
    "Move the section": "Déplacer la section",
    "Add a SAFE mapping": "Ajouter une correspondance SAFE",
    "Remove a SAFE mapping": "Retirer une correspondance SAFE",
    "open": "ouverte",
    "accepted": "acceptée",
    "accepted with changes": "acceptée avec modifications",
    "rejected": "rejetée",
    "withdrawn": "retirée",
    "superseded": "remplacée",
    "before": "avant",
    "after": "après",
    "inside, at the end": "à l'intérieur, à la fin",
    "rationale": "justification",
    "based on version": "fondée sur la version",
    "proposed heading": "titre proposé",
    "proposed text": "texte proposé",
    "where": "emplacement",
    "next to": "à côté de",
    "status": "statut",
    "decided at": "décidée le",
    "decision reason": "motif de la décision",
    "proposal": "proposition",
    "proposals": "propositions",
    "reply": "réponse",
    "replies": "réponses",
    "Your account is not tied to a delegation; ask the secretariat.":
        "Votre compte n'est rattaché à aucune délégation ; adressez-vous au secrétariat.",
    "This section is deleted; proposals need a live section.":
        "Cette section est supprimée ; une proposition porte sur une section existante.",
    "A rationale is required.": "Une justification est obligatoire.",
    "The proposed text is the same as the current text.":
        "Le texte proposé est identique au texte actuel.",
    "Give the new section a heading and say where it goes.":
        "Donnez un titre à la nouvelle section et indiquez son emplacement.",
    "Choose another section and where to put this one.":
        "Choisissez une autre section et l'emplacement de celle-ci.",
    "Choose a SAFE standard.": "Choisissez une norme SAFE.",
    "Choose a standard not mapped yet, and the relation.":
        "Choisissez une norme pas encore rattachée, et la relation.",
    "This section is not mapped to that standard.":
        "Cette section n'est pas rattachée à cette norme.",
    "Unknown kind of proposal.": "Type de proposition inconnu.",
    "Proposed": "Proposée",
    "The section is deleted: restore it before accepting.":
        "La section est supprimée : rétablissez-la avant d'accepter.",
    "A reason is required to reject a proposal.":
        "Un motif est obligatoire pour rejeter une proposition.",
    "A reply cannot be empty.": "Une réponse ne peut pas être vide.",
    "Replied": "Réponse publiée",
    "A section cannot be moved next to or into itself.":
        "Une section ne peut pas être déplacée à côté d'elle-même ou en elle-même.",
    "Proposal #%(n)s submitted.": "Proposition n° %(n)s soumise.",
    "Unknown decision.": "Décision inconnue.",
    "This proposal was already %(s)s; nothing was changed.":
        "Cette proposition était déjà %(s)s ; rien n'a été modifié.",
    "The section changed since this proposal was made: resolve it with the three-way view before "
    "accepting.":
        "La section a changé depuis cette proposition : résolvez-la avec la vue à trois voies "
        "avant d'accepter.",
    "Decision recorded.": "Décision enregistrée.",
    "This proposal is no longer open.": "Cette proposition n'est plus ouverte.",
    "Proposal withdrawn.": "Proposition retirée.",
    "Reply posted.": "Réponse publiée.",
    "The reply was empty or too long; nothing was posted.":
        "La réponse était vide ou trop longue ; rien n'a été publié.",
    "Proposal": "Proposition",
    "Summary": "Résumé",
    "Decision": "Décision",
    "Decision reason": "Motif de la décision",
    "Decided": "Décidée",
    "by %(who)s (%(delegation)s)": "par %(who)s (%(delegation)s)",
    "based on older version %(v)s": "fondée sur l'ancienne version %(v)s",
    "section deleted": "section supprimée",
    "Move %(where)s “%(target)s”.": "Déplacer %(where)s « %(target)s ».",
    "Map to %(code)s %(title)s (%(rel)s).": "Rattacher à %(code)s %(title)s (%(rel)s).",
    "Remove the mapping to %(code)s %(title)s.": "Retirer le rattachement à %(code)s %(title)s.",
    "on proposal #%(n)s by %(who)s (%(delegation)s)":
        "sur proposition n° %(n)s de %(who)s (%(delegation)s)",
    "Disposition table": "Tableau des suites données",
    "Proposals": "Propositions",
    "Every proposal with the decision taken on it, for the SAFE Review Sub-Group.":
        "Chaque proposition et la décision prise, pour le sous-groupe d'examen SAFE.",
    "Download CSV": "Télécharger en CSV",
    "Date": "Date",
    "No proposals yet.": "Aucune proposition pour l'instant.",
    "Proposal #%(n)s": "Proposition n° %(n)s",
    "Proposed %(when)s, on version %(v)s.": "Proposée le %(when)s, sur la version %(v)s.",
    "%(s)s by %(who)s on %(when)s.": "%(s)s par %(who)s le %(when)s.",
    "The section is deleted: this proposal cannot be accepted until the section is restored.":
        "La section est supprimée : cette proposition ne peut être acceptée qu'après son "
        "rétablissement.",
    "Based on an older version: proposed on version %(v)s, the section is now at version %(c)s. "
    "The redline below shows the proposal against the text it was made on.":
        "Fondée sur une ancienne version : proposée sur la version %(v)s, la section est "
        "maintenant à la version %(c)s. Les marques ci-dessous comparent la proposition au texte "
        "sur lequel elle a été faite.",
    "Three-way view": "Vue à trois voies",
    "Changed since the proposal (base → current)":
        "Modifié depuis la proposition (base → actuel)",
    "The proposal (base → proposed)": "La proposition (base → proposé)",
    "The changes do not overlap: they can be applied to the current text automatically. The "
    "merged text is in the form below.":
        "Les modifications ne se chevauchent pas : elles peuvent être appliquées automatiquement "
        "au texte actuel. Le texte fusionné figure dans le formulaire ci-dessous.",
    "Apply automatically and accept": "Appliquer automatiquement et accepter",
    "The proposal and later changes touch the same words. Resolve by editing the text below, "
    "then accept with changes.":
        "La proposition et des modifications ultérieures touchent les mêmes mots. Résolvez en "
        "modifiant le texte ci-dessous, puis acceptez avec modifications.",
    "was": "était",
    "now": "maintenant",
    "proposed": "proposé",
    "Accept": "Accepter",
    "Accept with changes": "Accepter avec modifications",
    "Accept with these changes": "Accepter avec ces modifications",
    "Reject": "Rejeter",
    "Reject proposal": "Rejeter la proposition",
    "Withdraw": "Retirer",
    "Discussion": "Discussion",
    "No replies yet.": "Aucune réponse pour l'instant.",
    "Propose a change": "Proposer une modification",
    "Kind of proposal": "Type de proposition",
    "Based on version %(v)s of this section. The facilitator decides; your delegation and the "
    "rationale are on record.":
        "Fondée sur la version %(v)s de cette section. Le facilitateur décide ; votre délégation "
        "et la justification sont enregistrées.",
    "You propose to delete this section and what is under it.":
        "Vous proposez de supprimer cette section et ce qu'elle contient.",
    "Submit proposal": "Soumettre la proposition",
    "Current text": "Texte actuel",
    "All": "Toutes",
    "Section key": "Clé de section",
    "older version": "ancienne version",
    "No proposals match.": "Aucune proposition ne correspond.",
    "Open proposals": "Propositions ouvertes",
    "Propose change": "Proposer une modification",
    "Propose a new section": "Proposer une nouvelle section",
    "Propose a move": "Proposer un déplacement",
    "Propose a mapping": "Proposer un rattachement",
    "Propose deletion": "Proposer la suppression",
    "No open proposals on this section.": "Aucune proposition ouverte sur cette section.",
})
FR_PLURAL["%(n)s open proposal"] = ("%(n)s proposition ouverte", "%(n)s propositions ouvertes")

FR.update({
    "Comment": "Commentaire",
    "Why hide it": "Pourquoi le masquer",
    "Search": "Rechercher",
    "State": "État",
    "Open and resolved": "Ouverts et résolus",
    "Open": "Ouverts",
    "Resolved": "Résolus",
    "E-mail me": "M'envoyer",
    "an e-mail for each event": "un courriel pour chaque événement",
    "one daily digest": "un récapitulatif quotidien",
    "no e-mail": "aucun courriel",
    "e-mail notifications": "notifications par courriel",
    "inbox last seen": "boîte de réception vue le",
    "comment": "commentaire",
    "quoted passage": "passage cité",
    "made on version": "fait sur la version",
    "resolved at": "résolu le",
    "deleted by its author": "supprimé par son auteur",
    "hidden by the secretariat": "masqué par le secrétariat",
    "edited at": "modifié le",
    "comments": "commentaires",
    "Write a comment first.": "Écrivez d'abord un commentaire.",
    "The comment is %(size)s KB; the limit is %(limit)s KB. Nothing was posted.":
        "Le commentaire fait %(size)s Ko ; la limite est de %(limit)s Ko. Rien n'a été publié.",
    "This section is deleted; restore it to comment on it.":
        "Cette section est supprimée ; rétablissez-la pour la commenter.",
    "The quoted passage is not in the text of this section.":
        "Le passage cité ne figure pas dans le texte de cette section.",
    "Commented": "Commenté",
    "New comment on “%(h)s”": "Nouveau commentaire sur « %(h)s »",
    "New reply on “%(h)s”": "Nouvelle réponse sur « %(h)s »",
    "Reopened": "Rouvert",
    "Comments can be edited for %(m)s minutes only.":
        "Un commentaire ne peut être modifié que pendant %(m)s minutes.",
    "Edited by its author": "Modifié par son auteur",
    "Comments can be deleted for %(m)s minutes only; ask the secretariat to hide it.":
        "Un commentaire ne peut être supprimé que pendant %(m)s minutes ; demandez au "
        "secrétariat de le masquer.",
    "Deleted by its author": "Supprimé par son auteur",
    "Say why the comment is hidden.": "Indiquez pourquoi le commentaire est masqué.",
    "Hidden: %(r)s": "Masqué : %(r)s",
    "Unknown setting.": "Réglage inconnu.",
    "[ISCM] Your daily digest (%(n)s)": "[ISCM] Votre récapitulatif quotidien (%(n)s)",
    "Proposal #%(n)s %(s)s": "Proposition n° %(n)s %(s)s",
    "Comment posted.": "Commentaire publié.",
    "Comment hidden; its text stays in the history.":
        "Commentaire masqué ; son texte reste dans l'historique.",
    "You follow this section.": "Vous suivez cette section.",
    "You no longer follow this section.": "Vous ne suivez plus cette section.",
    "Your e-mail settings are saved.": "Vos réglages de courriel sont enregistrés.",
    "Inbox": "Boîte de réception",
    "E-mail settings": "Réglages de courriel",
    "Hidden by the secretariat.": "Masqué par le secrétariat.",
    "Deleted by its author.": "Supprimé par son auteur.",
    "edited": "modifié",
    "Edit comment": "Modifier le commentaire",
    "Delete comment": "Supprimer le commentaire",
    "Reason": "Motif",
    "Hide": "Masquer",
    "resolved": "résolu",
    "passage changed": "passage modifié",
    "made on version %(v)s": "fait sur la version %(v)s",
    "The passage was edited since the comment": "Le passage a été modifié depuis le commentaire",
    "edited since": "modifié depuis",
    "Reply…": "Répondre…",
    "Reopen": "Rouvrir",
    "Resolve": "Résoudre",
    "Resolved by %(who)s on %(when)s": "Résolu par %(who)s le %(when)s",
    "Comments can be edited for 15 minutes after posting; the earlier text stays in the "
    "history.":
        "Un commentaire peut être modifié pendant 15 minutes après sa publication ; le texte "
        "antérieur reste dans l'historique.",
    "Comment not posted": "Commentaire non publié",
    "Post comment": "Publier le commentaire",
    "Comment threads you started or took part in, latest first.":
        "Fils de commentaires que vous avez lancés ou auxquels vous avez participé, les plus "
        "récents en premier.",
    "New replies are counted since %(when)s.":
        "Les nouvelles réponses sont comptées depuis le %(when)s.",
    "Mark all as read": "Tout marquer comme lu",
    "By": "Par",
    "Replies": "Réponses",
    "No threads match.": "Aucun fil ne correspond.",
    "You are told about replies in your threads, decisions on your delegation's proposals, "
    "and comments on sections you follow.":
        "Vous êtes informé des réponses dans vos fils, des décisions sur les propositions de "
        "votre délégation et des commentaires sur les sections que vous suivez.",
    "Comments": "Commentaires",
    "Unfollow": "Ne plus suivre",
    "Get an e-mail when someone comments here":
        "Recevoir un courriel quand quelqu'un commente ici",
    "Follow": "Suivre",
    "Comment on selection": "Commenter la sélection",
    "No comments yet.": "Aucun commentaire pour l'instant.",
})
FR_PLURAL["%(n)s open comment"] = ("%(n)s commentaire ouvert", "%(n)s commentaires ouverts")
FR_PLURAL["%(n)s reply"] = ("%(n)s réponse", "%(n)s réponses")
FR_PLURAL["%(n)s new"] = ("%(n)s nouvelle", "%(n)s nouvelles")

FR.update({
    "Draft updated %(title)s": "Projet de mise à jour : %(title)s",
    "Disposition of the proposals": "Suites données aux propositions",
    "Mapping to the SAFE Framework of Standards": "Correspondance avec le Cadre de normes SAFE",
    "Annex %(n)s to Doc. %(ref)s": "Annexe %(n)s au Doc. %(ref)s",
    "Name": "Nom",
    "e.g. “Draft 1 for the SAFE Review Sub-Group, December 2017”":
        "par ex. « Projet 1 pour le sous-groupe d'examen SAFE, décembre 2017 »",
    "Description": "Description",
    "taken at": "pris le",
    "milestone": "jalon",
    "milestones": "jalons",
    "A WCO reference is PC, four digits, the language letter E or F, the version number and an "
    "optional letter, e.g. PC0345E1 or PC0345E1a.":
        "Une cote OMD se compose de PC, quatre chiffres, la lettre de langue E ou F, le numéro "
        "de version et une lettre facultative, par ex. PC0345E1 ou PC0345E1a.",
    "reference": "cote",
    "place and date": "lieu et date",
    "e.g. “Brussels, 21 September 2017.”": "par ex. « Bruxelles, le 21 septembre 2017. »",
    "subtitle": "sous-titre",
    "agenda item": "point de l'ordre du jour",
    "e.g. “Item XV on the Agenda”": "par ex. « Point XV de l'ordre du jour »",
    "purpose": "objet",
    "cover note": "note de couverture",
    "Markdown. Start each part with a heading line such as “# Background”; parts are numbered I, "
    "II, III and paragraphs 1, 2, 3 … across the parts. End with “# Action Requested”.":
        "Markdown. Commencez chaque partie par une ligne de titre comme « # Contexte » ; les "
        "parties sont numérotées I, II, III et les paragraphes 1, 2, 3 … d'une partie à "
        "l'autre. Terminez par « # Suite à donner ».",
    "annexed draft": "projet annexé",
    "Empty: the current text.": "Vide : le texte actuel.",
    "redlined against": "marques de révision par rapport à",
    "Empty: a clean draft.": "Vide : un projet sans marques.",
    "annex the disposition table": "annexer le tableau des suites données",
    "annex the SAFE mapping table": "annexer le tableau de correspondance SAFE",
    "number the paragraphs of the draft in the margin":
        "numéroter les paragraphes du projet dans la marge",
    "working document": "document de travail",
    "working documents": "documents de travail",
    "A milestone needs a name.": "Un jalon doit avoir un nom.",
    "A milestone of this document already has that name.":
        "Un jalon de ce document porte déjà ce nom.",
    "Milestone created": "Jalon créé",
    "Updated": "Mis à jour",
    "Created": "Créé",
    "Working document %(r)s saved.": "Document de travail %(r)s enregistré.",
    "Ready.": "Prêt.",
    "Milestone “%(n)s” created.": "Jalon « %(n)s » créé.",
    "The export failed; the error is in the server log. Please try again or tell the "
    "secretariat.":
        "L'export a échoué ; l'erreur figure dans le journal du serveur. Réessayez ou "
        "prévenez le secrétariat.",
    "Working…": "En cours…",
    "Compare drafts": "Comparer des projets",
    "Milestones": "Jalons",
    "Show unchanged sections": "Afficher les sections inchangées",
    "Compare": "Comparer",
    "From “%(a)s” to “%(b)s”.": "De « %(a)s » à « %(b)s ».",
    "What changed, by chapter": "Ce qui a changé, par chapitre",
    "added": "ajoutée",
    "changed": "modifiée",
    "moved": "déplacée",
    "renumbered": "renumérotée",
    "No differences.": "Aucune différence.",
    "PTC working documents": "Documents de travail du CTP",
    "Preparing your file": "Préparation de votre fichier",
    "%(f)s is being laid out; large drafts take a little while. The download starts by itself "
    "when it is ready; you can keep this page open or come back to it.":
        "%(f)s est en cours de mise en page ; les projets volumineux prennent un peu de temps. "
        "Le téléchargement démarre tout seul lorsqu'il est prêt ; vous pouvez garder cette page "
        "ouverte ou y revenir.",
    "Reload this page to get the file when it is ready.":
        "Rechargez cette page pour obtenir le fichier lorsqu'il est prêt.",
    "Named drafts: the whole document as it stood at one moment. A milestone never changes; "
    "compare any two, or one with the current text.":
        "Projets nommés : le document entier tel qu'il était à un moment donné. Un jalon ne "
        "change jamais ; comparez-en deux, ou un jalon et le texte actuel.",
    "Taken": "Pris le",
    "Compare with current text": "Comparer avec le texte actuel",
    "No milestones yet.": "Aucun jalon pour l'instant.",
    "Create milestone": "Créer un jalon",
    "Working document": "Document de travail",
    "New working document": "Nouveau document de travail",
    "The cover note and its annexes (the draft, clean or redlined, the disposition table, the "
    "SAFE mapping table), exported in one click.":
        "La note de couverture et ses annexes (le projet, avec ou sans marques de révision, le "
        "tableau des suites données, le tableau de correspondance SAFE), exportées en un clic.",
    "Reference": "Cote",
    "Title": "Titre",
    "Annexed draft": "Projet annexé",
    "redlined against %(m)s": "marques par rapport à %(m)s",
    "Export PDF": "Exporter en PDF",
    "Export Word": "Exporter en Word",
    "No working documents yet.": "Aucun document de travail pour l'instant.",
    "The draft alone": "Le projet seul",
    "Draft as of": "Projet à la date de",
    "Redlined against": "Marques par rapport à",
    "Nothing: a clean draft": "Rien : un projet sans marques",
    "Insertions are underlined, deletions struck through.":
        "Les ajouts sont soulignés, les suppressions barrées.",
    "proposed by": "proposé par",
    "Page": "Page",
    "of": "sur",
    "For reasons of economy, documents are printed in limited number. Delegates are kindly asked "
    "to bring their copies to meetings and not to request additional copies.":
        "Pour des raisons d'économie, les documents ont été imprimés en nombre limité. Les "
        "délégués sont priés de se munir de leurs exemplaires aux réunions et de ne pas demander "
        "d'exemplaires supplémentaires.",
    "Copyright © %(year)s World Customs Organization. All rights reserved. Requests and "
    "inquiries concerning translation, reproduction and adaptation rights should be addressed "
    "to copyright@wcoomd.org.":
        "Copyright © %(year)s Organisation mondiale des douanes. Tous droits réservés. Les "
        "demandes concernant les droits de traduction, de reproduction et d'adaptation doivent "
        "être adressées à copyright@wcoomd.org.",
    "Contents": "Table des matières",
    "Annex %(n)s": "Annexe %(n)s",
    "Changes from “%(a)s” to “%(b)s”": "Modifications de « %(a)s » à « %(b)s »",
    "Chapter": "Chapitre",
    "Current text": "Texte actuel",
})
