"""Who may see and do what with a child's record.

Use it as `from everychild import access` and call `access.can(user, "view", child)`,
`access.require(...)` or `access.children_visible_to(user, "view")`: the rules live once, in
`access.policy`, and both the single-record check and the list filter are built from them.
"""

_POLICY_NAMES = {"can", "require", "require_role", "children_visible_to", "Action"}


def __getattr__(name):
    # Imported lazily: the policy needs the models, and this package is imported before
    # Django's app registry is ready.
    if name in _POLICY_NAMES:
        from everychild.access import policy

        return getattr(policy, name)
    raise AttributeError(name)
