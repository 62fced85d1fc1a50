"""Documents in: one reader per format, all returning :class:`kg.model.Document`."""
