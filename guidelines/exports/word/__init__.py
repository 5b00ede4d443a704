"""Word (.docx) export: template, HTML to WordprocessingML with tracked changes."""
