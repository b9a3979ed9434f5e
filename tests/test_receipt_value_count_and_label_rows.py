"""Rows fiscal tills print around an item that are not its name (rules22b,
ITEMS.md, NUMBERS.md, TAX.md): the item's value under its own label (a
Kazakh WEBKASSA "Стоимость" row), a count printed as money (a Rwandan EBM
"1200.00x 2.00 2400.00B" row), a subtotal with the items' count in the
quantity column (a Dutch "10   SUBTOTAAL"), and a Serbian fiscal receipt's
tax label in brackets, total, tax and number."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines


def cols(left: str, right: str, width: int) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def tenge(t: int) -> str:
    """Tenge as WEBKASSA prints them: "1 960,00" (a space between thousands)."""
    return f"{t // 100:,}".replace(",", " ") + f",{t % 100:02d}"


# --- the item's value under its own label -------------------------------------------------


def _webkassa(items: list[tuple[str, int, int]]) -> list[str]:
    """A WEBKASSA sale at 36 columns: "  1. name", "   2 шт x 980,00",
    "   Стоимость  1 960,00"; paid by card."""
    body: list[str] = []
    for i, (name, qty, unit) in enumerate(items, 1):
        body += [f"  {i}. {name}", f"   {qty} шт x {tenge(unit)}",
                 cols("   Стоимость", tenge(qty * unit), 36)]
    total = sum(q * u for _, q, u in items)
    return ['ТОО "АРУЖАН ФУД"', "БИН 131240010479", "Чек №7456599578911", "ПРОДАЖА",
            "-" * 36, *body, "-" * 36, cols("Банковская карта:", tenge(total), 36),
            cols("ИТОГО:", tenge(total), 36)]


def test_a_stoimost_row_is_the_value_of_the_item_named_above_its_count_row():
    p = interpret(captured(*_webkassa([("Хлеб Бородинский нарезной 400г", 4, 32000),
                                       ("Капучино 300мл", 1, 120000)])))
    assert lines(p) == [("Хлеб Бородинский нарезной 400г", 4, 128000),
                        ("Капучино 300мл", 1, 120000)]
    assert p.total_pence == 248000 and p.tender == "card" and p.flags == []


def test_a_name_printed_up_to_an_edge_the_rules_show_goes_on_under_it():
    # "  1. ШОКОЛАДНАЯ ПЛИТКА MILKA BUBBLES" fills the 36 columns its rules show;
    # "МОЛОЧНЫЙ" under it is the rest of the name, wrapped at the edge
    text = _webkassa([("ШОКОЛАДНАЯ ПЛИТКА MILKA BUBBLES", 1, 59000)])
    at = text.index("  1. ШОКОЛАДНАЯ ПЛИТКА MILKA BUBBLES")
    assert len(text[at]) == 36
    text.insert(at + 1, "МОЛОЧНЫЙ")
    p = interpret(captured(*text))
    assert lines(p) == [("ШОКОЛАДНАЯ ПЛИТКА MILKA BUBBLES МОЛОЧНЫЙ", 1, 59000)]
    # the same rows where nothing else is as wide (the name is the widest line):
    # the edge is not shown, and no wrap is read
    narrow = [t if t == text[at] else "-" * 20 if set(t) == {"-"} else " ".join(t.split())
              for t in text]
    assert all(len(t) < 36 for t in narrow if t != text[at])
    assert lines(interpret(captured(*narrow)))[0][0] != "ШОКОЛАДНАЯ ПЛИТКА MILKA BUBBLES МОЛОЧНЫЙ"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Самса с говядиной", "Americano 180мл",
                                           "Киви в корзинке Астана", "Баурсаки 6 шт"]),
                          st.integers(1, 4), st.integers(100, 200000).map(lambda t: t * 100)),
                min_size=1, max_size=4))
def test_each_webkassa_item_is_its_name_count_and_value(items):
    # The arithmetic proves the reading: the values make the total, no name is "Стоимость".
    p = interpret(captured(*_webkassa(items)))
    assert lines(p) == [(n, q, q * u) for n, q, u in items]


# --- a price under its own label ---------------------------------------------------------


def test_a_price_row_is_the_price_of_the_item_named_on_the_row_above():
    # an Arduino till's receipt: each item's name, then "Price: " and its price
    p = interpret(captured("CAMPUS SHOP", "-" * 32, "Tea", "Price: 1.20", "Flapjack", "Price: 0.90",
                           "Total: 2.10", "Cash 5.00", "Change 2.90"))
    assert lines(p) == [("Tea", 1, 120), ("Flapjack", 1, 90)]
    assert p.total_pence == 210 and p.tender == "cash"


def _token(meal: str, price: str, paid: str) -> list[str]:
    """A meal token's fields, 48 columns: the meal, its date and time, its price."""
    return ["HOLLINS HALL DINING", "MEAL TOKEN", "=" * 48, "TOKEN # 002", "-" * 48,
            cols("Name:", "Guest of Oliver Evans", 48), "-" * 48, cols("Meal:", meal, 48),
            cols("Date:", "13/03/2026", 48), cols("Time:", "18:45", 48),
            cols("Price:", price, 48), "-" * 48, cols("Paid:", paid, 48), "=" * 48,
            "Thank you!", "-" * 48, "13/03/2026, 18:45:28".center(48)]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Breakfast", "Lunch", "Dinner", "Sunday roast"]),
       st.integers(100, 2000))
def test_a_tokens_price_row_is_the_meal_named_in_its_meal_field(meal, pence):
    price = f"£{pence // 100}.{pence % 100:02d}"
    p = interpret(captured(*_token(meal, price, f"Card {price}")))
    assert lines(p) == [(meal, 1, pence)]
    assert p.total_pence == pence and p.tender == "card" and p.receipt_no == "002"


def test_a_tokens_time_row_is_the_sales_time_not_the_printouts_seconds():
    p = interpret(captured(*_token("Dinner", "£5.40", "Card £5.40")))
    assert p.occurred == "2026-03-13T18:45:00+00:00"


# --- a count printed as money -----------------------------------------------------------


def _ebm(items: list[tuple[str, int, int, str]], refund: bool = False) -> list[str]:
    """A Rwandan EBM receipt at 40 columns: each name on its row, then
    "{unit}x {qty, two places} {value}{tax code}"; a refund's amounts negative."""
    sign = "-" if refund else ""
    body: list[str] = []
    for name, qty, unit, code in items:
        body += [name, f"{sign}{unit / 100:.2f}x {qty:.2f} {sign}{qty * unit / 100:.2f}{code}"]
    total = sum(q * u for _, q, u, _ in items)
    return ["UMUSAMBI CAFE", "TIN: 108877665", *(["REFUND"] if refund else []), "-" * 40,
            *body, "." * 40, cols("TOTAL", f"{sign}{total / 100:.2f}", 40),
            cols("CASH", f"{sign}{total / 100:.2f}", 40), cols("ITEMS NUMBER", "1", 40)]


def test_an_ebm_row_reads_its_count_after_the_x_and_leaves_the_tax_code_out():
    p = interpret(captured(*_ebm([("Fanta Citron 500ml", 1, 70000, "B"),
                                  ("Avocado", 2, 30000, "A-EX")])))
    assert lines(p) == [("Fanta Citron 500ml", 1, 70000), ("Avocado", 2, 60000)]
    assert p.total_pence == 130000 and p.tender == "cash"


def test_an_ebm_refunds_rows_are_read_as_the_sales_rows_are():
    p = interpret(captured(*_ebm([("Beans Cooked Plate", 4, 120000, "B")], refund=True)))
    assert lines(p) == [("Beans Cooked Plate", 4, 480000)] and p.total_pence == -480000


def test_a_count_printed_as_money_before_the_x_is_the_count_when_the_price_is_not_whole():
    p = interpret(captured("CAFE", "Flat white", "  2.00 x 1.50   3.00", "TOTAL   3.00",
                           "CASH   3.00"))
    assert lines(p) == [("Flat white", 2, 300)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Inyange Milk 500ml", "Isombe & Ugali",
                                           "Brochette Goat", "Rice Kigori 1kg"]),
                          st.integers(1, 4), st.integers(1, 90).map(lambda f: f * 10000),
                          st.sampled_from(["B", "A-EX", ""])), min_size=1, max_size=5))
def test_each_ebm_item_is_its_name_count_and_value(items):
    p = interpret(captured(*_ebm(items)))
    assert lines(p) == [(n, q, q * u) for n, q, u, _ in items]


# --- a subtotal with the items' count in the quantity column ---------------------------


def test_a_subtotal_with_the_count_of_items_before_it_is_no_item():
    p = interpret(captured(
        "AANT OMSCHRIJVING                  PRIJS  BEDRAG",
        "1    HALFVOLLE MELK 1L                      1,19",
        "4    PINDAKAAS 350G                 2,79   11,16",
        "                                        --------",
        "5    SUBTOTAAL                             12,35",
        "     TOTAAL                                12,35",
        "     PINNEN                                12,35"))
    assert lines(p) == [("HALFVOLLE MELK 1L", 1, 119), ("PINDAKAAS 350G", 4, 1116)]
    assert p.total_pence == 1235 and p.flags == []


# --- a Serbian fiscal receipt -----------------------------------------------------------


def _racun(latin: bool) -> list[str]:
    """A Serbian fiscal journal at 40 columns, Cyrillic or Latin."""
    if latin:
        return ["============ FISKALNI RAČUN ============", "108765432", "MARKET ĐURĐEVAK",
                "Artikli", "Naziv   Cena         Kol.         Ukupno", "Jogurt 1l (E)",
                "      149,00         2            298,00", "Voda Knjaz 1,5l (Đ)",
                "       89,00         1             89,00", "-" * 40,
                cols("Ukupan iznos:", "387,00", 40), cols("Kartica:", "387,00", 40),
                "Oznaka       Ime      Stopa        Porez",
                "Đ           O-PDV      20,00%    14,83", "E           P-PDV      10,00%    27,09",
                cols("Ukupan iznos poreza:", "41,92", 40),
                "PFR vreme:          23.12.2026. 14:38:25",
                "PFR broj računa: ZFRFO6BE-8JO9DZ6L-1327",
                cols("Brojač računa:", "1327/1357PP", 40)]
    return ["============ ФИСКАЛНИ РАЧУН ============", "108765432", "МАРКЕТ ЂУРЂЕВАК",
            "Артикли", "Назив   Цена         Кол.         Укупно", "Јогурт 1л (Е)",
            "      149,00         2            298,00", "Вода Књаз 1,5л (Ђ)",
            "       89,00         1             89,00", "-" * 40,
            cols("Укупан износ:", "387,00", 40), cols("Картица:", "387,00", 40),
            "Ознака       Име      Стопа        Порез",
            "Ђ           О-ПДВ      20,00%    14,83", "Е           П-ПДВ      10,00%    27,09",
            cols("Укупан износ пореза:", "41,92", 40),
            "ПФР време:          23.12.2026. 14:38:25",
            "ПФР број рачуна: ZFRFO6BE-8JO9DZ6L-1327", cols("Бројач рачуна:", "1327/1357ПП", 40)]


def test_a_serbian_fiscal_receipt_in_latin_reads_names_without_their_tax_labels():
    p = interpret(captured(*_racun(latin=True)))
    assert lines(p) == [("Jogurt 1l", 2, 29800), ("Voda Knjaz 1,5l", 1, 8900)]
    assert p.total_pence == 38700
    # the number under its own label at the foot, never the PIB alone under the title
    assert p.receipt_no == "ZFRFO6BE-8JO9DZ6L-1327"


def test_a_serbian_fiscal_receipt_in_cyrillic_reads_its_total_and_number():
    p = interpret(captured(*_racun(latin=False)))
    assert lines(p) == [("Јогурт 1л", 2, 29800), ("Вода Књаз 1,5л", 1, 8900)]
    assert p.total_pence == 38700 and p.receipt_no == "ZFRFO6BE-8JO9DZ6L-1327"


def test_a_size_in_brackets_ending_a_name_stays_the_names():
    p = interpret(captured("Pizza Margherita (L)", "  1 x 9.50        9.50",
                           "TOTAL   9.50", "CASH   9.50"))
    assert lines(p) == [("Pizza Margherita (L)", 1, 950)]


def test_a_transfer_to_an_account_is_no_receipt_number():
    # "račun" is a receipt and a bank account: "Prenos na račun: 1.416,00" numbers nothing
    text = _racun(latin=True)
    text[11] = cols("Prenos na račun:", "387,00", 40)
    p = interpret(captured(*text))
    assert p.receipt_no == "ZFRFO6BE-8JO9DZ6L-1327"
    # rules24: Serbia's payment type "transfer to an account", a bank transfer
    # read as printed and not flagged (TENDERS.md, "Wallets, instant payments")
    assert (p.tender, p.flags) == ("Prenos na račun", [])


# --- a house's number in the address -------------------------------------------------------


def test_a_house_number_in_the_address_is_not_the_receipts_number():
    p = interpret(captured("GALLE FACE CAFE", "No. 12, Galle Road, Colombo 03",
                           "Receipt No: R3003", "Milk Rice", "  2 x Rs. 350.00      Rs. 700.00",
                           "TOTAL:              Rs. 700.00", "Payment: Cash"))
    assert p.receipt_no == "R3003" and "unsure_number" not in p.flags
    assert interpret(captured("No. 1234", "Tea   1.00", "TOTAL  1.00")).receipt_no == "1234"
