"""The access policy as a Django authentication backend, for object permissions only.

The person index sits below the access layer and cannot import the policy; it asks Django
instead, `user.has_perm("people.change_person", child)`, and this backend answers from the
policy (Django's documented place for object-level permissions: it consults every backend in
AUTHENTICATION_BACKENDS). Permissions without an object, and anything about adults, are not
this backend's to give.
"""

from django.contrib.auth.backends import BaseBackend

from everychild.access import policy

OBJECT_PERMISSIONS = {
    "people.view_person": policy.Action.VIEW,
    "people.change_person": policy.Action.EDIT,
}


class RecordPolicyBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None):
        action = OBJECT_PERMISSIONS.get(perm)
        if action is None or obj is None or not getattr(obj, "is_child", False):
            return False
        return policy.can(user_obj, action, obj)
