"""Writes for children in care, one module per area. Each write is one transaction, checked
against the access policy, audited and put on the child's chronology."""
