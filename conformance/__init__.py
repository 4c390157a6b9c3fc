"""The conformance suite (interim: checks of the catalogue and the DMVES)."""
