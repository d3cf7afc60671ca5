"""Foundation: errors and exit codes, namespaces, where the data lives, atomic writes.

Nothing here imports another layer of neurokg.
"""
