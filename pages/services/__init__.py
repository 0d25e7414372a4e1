"""Every write to pages: curation (the curator's intent), imports, and processing (the job's
state). One module for each kind of change; ``pages.signals`` reuses ``curation``'s field map."""
