"""The internal API: the list of documents and their rendering (previews)."""
