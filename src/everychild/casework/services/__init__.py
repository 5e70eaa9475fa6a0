"""Writes for statutory casework, one module per area; callers import the module they need
(`from everychild.casework.services import assessments`). Each write is one transaction,
checked against the access policy, audited and put on the child's chronology. Key decisions
(authorising an assessment, a plan's start and end, closure, step-down) wait for a manager's
sign-off (services.oversight)."""
