"""One module per kind of answer; :mod:`assistant.routing` says which answers a question."""
