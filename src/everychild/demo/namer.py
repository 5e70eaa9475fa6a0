"""Names for the synthetic borough's people, by community.

Bangladeshi and Somali names come from everychild's own lists (demo/names.py), which hold
their real transliteration variants; so do Chinese and Vietnamese family names. Everything
else comes from Faker's name lists for the community's country of origin, so that names are
as varied as a real borough's (a handful of lists would give twenty "Grace Okafor"s).
"""

import random

from faker import Faker

from everychild.demo import names as lists

_LOCALES = {
    "white_british": ["en_GB"] * 6 + ["en_IE"],
    "white_other": ["pl_PL", "ro_RO", "it_IT", "pt_PT", "lt_LT"],
    "african": ["yo_NG", "ig_NG", "en_NG", "tw_GH"],
    "caribbean": ["en_GB"],
    "south_asian": ["en_PK", "en_IN"],
    "mixed": ["en_GB"],
}


class Namer:
    def __init__(self, rng: random.Random, seed: int):
        self.rng = rng
        locales = sorted({loc for group in _LOCALES.values() for loc in group} | {"zh_CN", "vi_VN"})
        self.fake = Faker(locales)
        self.fake.seed_instance(seed)

    def locale_for(self, community: str) -> str | None:
        """One family's country of origin, so its members' names go together."""
        return self.rng.choice(_LOCALES[community]) if community in _LOCALES else None

    def _locale(self, community: str, locale: str | None):
        return self.fake[locale or self.rng.choice(_LOCALES[community])]

    def given(self, community: str, boy: bool, locale: str | None = None) -> str:
        if community in {"bangladeshi", "somali"}:
            boys, girls = lists.GIVEN_NAMES[community]
            group = self.rng.choice(boys if boy else girls)
            return group[0] if self.rng.random() < 0.7 else self.rng.choice(group)
        if community == "chinese" and self.rng.random() < 0.6:
            return self.fake["zh_CN"].first_romanized_name()
        if community == "chinese" or (community == "african" and self.rng.random() < 0.4):
            source = self.fake["en_GB"]  # an English name, as many families choose
        elif community == "vietnamese":
            source = self.fake["vi_VN"]
        else:
            source = self._locale(community, locale)
        return source.first_name_male() if boy else source.first_name_female()

    def family(self, community: str, locale: str | None = None) -> str:
        if community == "bangladeshi":
            return self.rng.choice(lists.BANGLADESHI_FAMILY_MALE)[0]
        if community == "somali":
            return self.rng.choice(lists.SOMALI_FAMILY)[0]
        if community in {"chinese", "vietnamese"}:
            family = lists.FAMILY_NAMES[community]
            return self.rng.choice(self.rng.choice(family))
        if community == "mixed" and self.rng.random() < 0.3:
            return self.fake["yo_NG"].last_name()
        return self._locale(community, locale).last_name()

    def staff_name(self) -> tuple[str, str]:
        community = self.rng.choice(list(lists.COMMUNITIES))
        return self.given(community, self.rng.random() < 0.3), self.family(community)
