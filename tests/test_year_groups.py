"""Year groups as MIS exports print them (SIMS, Arbor, Bromcom and the DfE
census codes they all write): one year however it is spelt, in school
order, said as the office says it."""

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from agent.reports.registers import by_year_group
from agent.reports.year_groups import year_order, year_words

SPELLINGS = {
    "Year 7": ["Yr7", "Y7", "Year 7", "7", "yr 7", "YEAR  7", "07"],
    "Year 12": ["Y12", "Year 12", "12", "Yr12"],
    "Reception": ["R", "Reception", "YR", "Rec", "FS2", "Year R"],
    "Nursery": ["N", "Nursery", "FS1"],
    "Sixth form": ["Sixth form", "sixth form", "6th Form"],
    "Lower sixth (Year 12)": ["L6", "Lower Sixth"],
    "Upper sixth (Year 13)": ["U6", "Upper sixth"],
    # Wales, Scotland, Ireland
    "Year 9": ["Bl.9", "Bl 9", "Blwyddyn 9"],
    "Primary 5": ["P5", "p 5", "P.5"],
    "S5": ["S5", "s 5"],
    "1st Year": ["1st Year", "First year", "1ST YEAR", "1st Yr"],
    "6th Class": ["6th Class", "Sixth class"],
    "Junior Infants": ["Junior Infants", "JI"],
    "Transition Year": ["Transition Year", "TY"],
}


def test_each_spelling_is_said_as_the_office_says_it():
    for words, spellings in SPELLINGS.items():
        for text in spellings:
            assert year_words(text) == words, text
    assert [year_words(y) for y in ("N1", "N2", None, "", "X", "Year 15")] == [
        "Nursery 1", "Nursery 2", "", "", "X", "Year 15"]


def test_school_order_from_nursery_to_the_sixth_form_then_the_rest():
    shuffled = ["U6", "X", "", "Y12", "7", "R", "Sixth form", "N1", "Yr 1", "L6",
                "N2", "Year 11", "Boarders"]
    assert [year_words(y) for y in sorted(shuffled, key=year_order)] == [
        "Nursery 1", "Nursery 2", "Reception", "Year 1", "Year 7", "Year 11",
        "Lower sixth (Year 12)", "Sixth form", "Year 12", "Upper sixth (Year 13)",
        "Boarders", "X", ""]


def test_one_year_spelt_two_ways_is_one_group_on_the_register():
    pupils = [SimpleNamespace(year_group=y, display_name=n) for y, n in
              [("Y7", "Cara"), ("Year 7", "Abe"), ("R", "Bo"), (None, "Di"), ("7", "Ed")]]
    groups = [(label, [p.display_name for p in ps]) for label, ps in by_year_group(pupils)]
    assert groups == [("Reception", ["Bo"]), ("Year 7", ["Abe", "Cara", "Ed"]),
                      ("No year group", ["Di"])]


@given(st.integers(1, 14), st.sampled_from(["Y{}", "Yr{}", "Yr {}", "Year {}", "{}", "year{}"]))
def test_every_numbered_spelling_reads_as_its_year(n, spelling):
    assert year_words(spelling.format(n)) == f"Year {n}"
    assert year_order(spelling.format(n)) == year_order(f"Year {n}")


@given(st.integers(1, 13))
def test_years_sort_after_reception_and_before_the_next_year(n):
    assert year_order("R") < year_order(f"Y{n}") < year_order(f"Y{n + 1}") < year_order("X")


def test_scottish_irish_and_welsh_years_and_forms_sort_in_school_order():
    scottish = ["S5", "P7", "S1", "P1", "S5/2", "P5b", "S6", "P5"]
    assert [year_words(y) for y in sorted(scottish, key=year_order)] == [
        "Primary 1", "Primary 5", "P5b", "Primary 7", "S1", "S5", "S5/2", "S6"]
    irish = ["6th Year", "TY", "1st Year", "Senior Infants", "6th Class", "Junior Infants",
             "5th Year", "3rd Year", "1st Class"]
    assert [year_words(y) for y in sorted(irish, key=year_order)] == [
        "Junior Infants", "Senior Infants", "1st Class", "6th Class", "1st Year", "3rd Year",
        "Transition Year", "5th Year", "6th Year"]
    english = ["10 Red", "Y7", "7A", "Nursery", "Reception", "Year 13", "7B", "Y10"]
    assert [year_words(y) for y in sorted(english, key=year_order)] == [
        "Nursery", "Reception", "Year 7", "7A", "7B", "Year 10", "10 Red", "Year 13"]
    # A form is its own group on the register, beside its year.
    pupils = [SimpleNamespace(year_group=y, display_name=n) for y, n in
              [("S5", "Cara"), ("S5/2", "Abe"), ("P7", "Bo"), ("s5", "Ed")]]
    assert [(label, [p.display_name for p in ps]) for label, ps in by_year_group(pupils)] == [
        ("Primary 7", ["Bo"]), ("S5", ["Cara", "Ed"]), ("S5/2", ["Abe"])]
