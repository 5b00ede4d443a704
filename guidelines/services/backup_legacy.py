"""Backup files written before a proposal's discussion became comment threads (migration 0011):
their ``proposal_replies`` (and history) are read as comments, as that migration moved them.

Per proposal, the first reply (by time, then id) starts the thread and the others answer it; the
author's delegation is the one named for the author in the file's ``users``; the version is the
proposal's ``base_version``. History rows keep their date, user, reason and type.
"""

HISTORY_FIELDS = ("history_date", "history_user", "history_change_reason", "history_type")


def _comment_row(row_id: int, reply: dict, proposal: dict, parent, delegation) -> dict:
    return {
        "id": row_id,
        "document": proposal["document"],
        "section": proposal["section"],
        "proposal": proposal["id"],
        "parent": parent,
        "author": reply["author"],
        "delegation": delegation,
        "body": reply["body"],
        "quote": "",
        "prefix": "",
        "suffix": "",
        "quote_start": None,
        "section_version": proposal["base_version"],
        "resolved_at": None,
        "resolved_by": None,
        "is_deleted": False,
        "is_hidden": False,
        "created_at": reply["created_at"],
        "edited_at": None,
    }


def replies_as_comments(payload: dict) -> dict:
    """``payload`` with its replies to proposals turned into comments (a new dict; the same
    one when it holds none)."""
    replies = payload.get("proposal_replies") or []
    if not replies:
        return payload
    proposals = {row["id"]: row for row in payload.get("proposals") or []}
    delegations = {user["username"]: user.get("delegation") for user in payload.get("users", [])}
    comments = list(payload.get("comments") or [])
    history = list(payload.get("comments_history") or [])
    last_id = max((row["id"] for row in comments + history), default=0)
    roots: dict[int, int] = {}
    moved: dict[int, dict] = {}  # reply id -> its comment row
    for reply in sorted(replies, key=lambda r: (r["created_at"], r["id"])):
        last_id += 1
        proposal = proposals[reply["proposal"]]
        root = roots.setdefault(proposal["id"], last_id)
        parent = None if root == last_id else root
        row = _comment_row(last_id, reply, proposal, parent, delegations.get(reply["author"]))
        comments.append(row)
        moved[reply["id"]] = row
    for old in payload.get("proposal_replies_history") or []:
        row = moved.get(old["id"])
        if row is not None:
            fields = {name: old.get(name) for name in HISTORY_FIELDS}
            history.append({**row, "author": old["author"], "body": old["body"], **fields})
    return {**payload, "comments": comments, "comments_history": history}
