"""Reading a "Word for review" file back: the hidden anchors the review export writes
(``anchors``), a safe look at the uploaded file (``safety``), its paragraphs, tracked changes and
comments (``reader``), the Markdown of a reading (``markdown``), and what the file proposes, as
values (``preview``). Nothing here writes to the database: ``services.word_imports`` does."""
