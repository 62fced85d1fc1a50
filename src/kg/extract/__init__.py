"""Document -> Extraction: each module finds one kind of mention."""
