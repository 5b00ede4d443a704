"""A Word import waiting for review, for the tests that walk pages (permissions, accessibility,
phones): member-au's "Word for review" file with a tracked insertion and a comment."""


def sample_word_import(username: str = "member-au"):
    from guidelines.exports.files import export_plan
    from guidelines.models import Document, User, WordImport
    from guidelines.services.history import save_versioned
    from tests.imports import edit

    try:
        from tests.imports.edit import add_comment
    except ImportError:
        from tests.imports.edit_comments import add_comment

    document = Document.objects.get(slug="iscm-guidelines")
    data = export_plan(document=document, variant="review", fmt="docx").render()
    data = edit.track_insert(
        data, paragraph_containing="The seal number is part of the advance data",
        after="advance data", text=" and of the manifest",
    )  # fmt: skip
    data = add_comment(
        data, paragraph_containing="Containers of high-risk consignments",
        quote="high-security mechanical seals", text="Which ISO standard?",
    )  # fmt: skip
    user = User.objects.get(username=username)
    word_import = WordImport(
        document=document, uploaded_by=user, delegation=user.delegation,
        filename="iscm-review-au.docx", data=data, size=len(data), sha256="0" * 64,
    )  # fmt: skip
    return save_versioned(word_import, user=user, reason="Test data")
