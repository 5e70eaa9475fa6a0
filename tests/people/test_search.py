from datetime import date

import pytest

from everychild.access.models import RecordRestriction
from everychild.access.search import person_search
from everychild.core.errors import DomainError
from everychild.organisations.roles import Role
from everychild.people.models import NameKind, PersonName
from everychild.people.names import search_keys
from everychild.people.search import SearchQuery
from tests.factories import PersonFactory, StaffFactory


@pytest.fixture
def children(db):
    made = {
        "ayesha": PersonFactory(
            given_name="Ayesha", family_name="Begum", date_of_birth=date(2014, 3, 7)
        ),
        "aisha": PersonFactory(
            given_name="Aisha", family_name="Begum", date_of_birth=date(2016, 9, 2)
        ),
        "mohammed": PersonFactory(
            given_name="Mohammed", family_name="Rahman", date_of_birth=date(2012, 5, 11)
        ),
        "muhammad": PersonFactory(
            given_name="Muhammad", family_name="Rahman", date_of_birth=date(2019, 1, 30)
        ),
        "hodan": PersonFactory(
            given_name="Hodan", family_name="Warsame", date_of_birth=date(2015, 7, 4)
        ),
        "lan": PersonFactory(
            given_name="Lan", family_name="Nguyễn", date_of_birth=date(2013, 2, 8)
        ),
        "oliver": PersonFactory(
            given_name="Oliver", family_name="Smith", date_of_birth=date(2011, 12, 1)
        ),
    }
    for i in range(30):  # crowd the index with other Begums and Rahmans
        PersonFactory(
            given_name=f"Other{i}",
            family_name="Begum" if i % 2 else "Rahman",
            date_of_birth=date(2010, 1, 1 + i % 28),
        )
    return made


@pytest.fixture
def searcher(db):
    return StaffFactory(role=Role.MASH)


def _top(user, **query):
    return [r.child for r in person_search(user=user, query=SearchQuery(**query))]


@pytest.mark.parametrize(
    ("text", "dob", "expected"),
    [
        ("Ayesha Begum", None, "ayesha"),
        ("Aysha Begom", date(2014, 3, 7), "ayesha"),  # transliteration on both names
        ("Begum Ayesha", date(2014, 3, 7), "ayesha"),  # family name first
        ("Ayesah Begun", date(2014, 3, 7), "ayesha"),  # typing errors
        ("Mohamed Rahaman", date(2012, 5, 11), "mohammed"),
        ("Muhammad Rehman", date(2019, 1, 30), "muhammad"),
        ("Hodaan Warsama", None, "hodan"),
        ("Lan Nguyen", None, "lan"),  # no diacritics typed
        ("Olivr Smtih", None, "oliver"),
    ],
)
def test_misspelt_and_transliterated_names_rank_the_child_first(
    children, searcher, text, dob, expected
):
    assert _top(searcher, text=text, date_of_birth=dob)[0] == children[expected]


def test_date_of_birth_separates_namesakes(children, searcher):
    assert (
        _top(searcher, text="Aisha Begum", date_of_birth=date(2014, 3, 7))[0] == children["ayesha"]
    )
    assert (
        _top(searcher, text="Aisha Begum", date_of_birth=date(2016, 9, 2))[0] == children["aisha"]
    )


def test_day_and_month_swapped(children, searcher):
    results = person_search(
        user=searcher, query=SearchQuery(text="Mohammed Rahman", date_of_birth=date(2012, 11, 5))
    )
    assert results[0].child == children["mohammed"]
    assert "day and month swapped" in " ".join(results[0].reasons)


def test_finds_a_child_by_a_previous_name(children, searcher):
    hodan = children["hodan"]
    PersonName.objects.create(
        person=hodan,
        kind=NameKind.PREVIOUS,
        given_name="Hodan",
        family_name="Jama",
        **search_keys("Hodan", "Jama"),
    )
    result = person_search(user=searcher, query=SearchQuery(text="Hodan Jama"))[0]
    assert result.child == hodan and result.matched_name == "Hodan Jama"


def test_by_nhs_number_and_upn(children, searcher):
    oliver = children["oliver"]
    oliver.nhs_number, oliver.upn = "9434765919", "B801200005001"
    oliver.save()
    assert _top(searcher, nhs_number="943 476 5919") == [oliver]
    assert _top(searcher, upn="b801200005001") == [oliver]


def test_bad_identifiers_and_empty_queries_are_refused(searcher):
    with pytest.raises(DomainError) as error:
        person_search(user=searcher, query=SearchQuery(nhs_number="9434765918"))
    assert error.value.field == "nhs_number"
    with pytest.raises(DomainError) as error:
        person_search(user=searcher, query=SearchQuery())
    assert error.value.field == "text"


def test_unrelated_names_are_not_returned(children, searcher):
    assert _top(searcher, text="Zbigniew Brzezinski") == []


def test_restricted_records_are_left_out_unless_named(children, searcher):
    ayesha = children["ayesha"]
    restriction = RecordRestriction.objects.create(
        child=ayesha, reason="sealed", restricted_by=StaffFactory(role=Role.DPO)
    )
    assert ayesha not in _top(searcher, text="Ayesha Begum", date_of_birth=date(2014, 3, 7))
    restriction.named_staff.add(searcher)
    assert _top(searcher, text="Ayesha Begum", date_of_birth=date(2014, 3, 7))[0] == ayesha


def test_search_is_audited(children, searcher):
    from everychild.audit.models import AuditEvent

    person_search(user=searcher, query=SearchQuery(text="Ayesha Begum"))
    event = AuditEvent.objects.get(verb="searched")
    assert event.actor == searcher and event.payload["text"] == "Ayesha Begum"
    assert children["ayesha"].pk in event.payload["results"]


def test_somali_spellings_find_each_other(db, searcher):
    cali = PersonFactory(given_name="Hodan", family_name="Cali", date_of_birth=date(2014, 4, 4))
    assert _top(searcher, text="Hodan Ali")[0] == cali


def test_a_stranger_with_the_same_birthday_does_not_outrank_a_namesake(db, searcher):
    jason = PersonFactory(given_name="Jason", family_name="Ng", date_of_birth=date(2025, 1, 30))
    PersonFactory(given_name="Eman", family_name="Ullah", date_of_birth=date(2025, 1, 30))
    assert _top(searcher, text="Jason Wu", date_of_birth=date(2025, 1, 30))[0] == jason


def test_short_names_with_one_slip(db, searcher):
    kai = PersonFactory(given_name="Kai", family_name="Li", date_of_birth=date(2016, 3, 21))
    assert _top(searcher, text="Kye Lei", date_of_birth=date(2016, 3, 21))[0] == kai


def test_postcode_only_for_records_the_user_may_see(children, searcher, db):
    from everychild.access.models import InvolvementKind
    from everychild.people.models import Address, PersonAddress
    from tests.factories import involve

    ayesha = children["ayesha"]
    PersonAddress.objects.create(
        person=ayesha, address=Address.objects.create(line_1="1 Cable St", postcode="E1 8AA")
    )
    query = SearchQuery(text="Ayesha Begum", date_of_birth=date(2014, 3, 7))
    assert person_search(user=searcher, query=query)[0].postcode == ""
    involve(ayesha, InvolvementKind.FRONT_DOOR, staff=searcher)
    assert person_search(user=searcher, query=query)[0].postcode == "E1 8AA"
