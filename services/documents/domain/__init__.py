"""Rules of the documents service: the catalogue, file checks, access and versions. No I/O."""
