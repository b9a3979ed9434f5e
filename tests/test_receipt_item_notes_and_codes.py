"""What fiscal tills print around an item's name that is not its name
(names19, holdout19's silent names): a labelled detail indented under the
name (a Russian 54-ФЗ чек's "Код услуги: A06.07.003", "Art.-Nr.: 40123",
"Cód.: 789"), the row's number before the name ("1. Рентгенография зуба"),
an EAN-13 before a name wrapped over two rows, and a count row whose count
stands in a column of its own before its unit ("1  UN  x  3,99   3,99", a
Brazilian DANFE NFC-e's). ITEMS.md, "What is printed around a name"."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines


def cols(left: str, right: str, width: int) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def money(pence: int, point: str = ".") -> str:
    return f"{pence // 100}{point}{pence % 100:02d}"


# --- a labelled detail under a name is the item's note ------------------------------------


def _chek(items: list[tuple[str, str, int, int]], label: str = "Код услуги",
          indent: str = "   ") -> list[str]:
    """A 54-ФЗ кассовый чек at 42 columns: each position numbered, its
    service code indented under the name, then its count row in roubles."""
    body = []
    for n, (name, code, qty, unit) in enumerate(items, 1):
        body += [f"{n}. {name}", f"{indent}{label}: {code}",
                 cols(f"{qty} шт. x {money(unit)}", f"{money(qty * unit)} руб.", 42)]
    total = sum(q * u for _, _, q, u in items)
    return ["КАССОВЫЙ ЧЕК", "Приход", "-" * 42, *body, "-" * 42,
            cols("ИТОГ", f"{money(total)} руб.", 42), cols("НАЛИЧНЫМИ", money(total), 42)]


def test_a_service_code_under_a_numbered_name_is_neither_the_name_nor_its_number():
    p = interpret(captured(*_chek([("Рентгенография зуба (прицельная)", "A06.07.003", 1, 60000),
                                   ("Профессиональная гигиена", "A16.07.051", 2, 450000)])))
    assert lines(p) == [("Рентгенография зуба (прицельная)", 1, 60000),
                        ("Профессиональная гигиена", 2, 900000)]
    assert p.total_pence == 960000


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Рентгенография зуба", "Пломба световая",
                                           "Консультация врача", "Leite integral"]),
                          st.from_regex(r"[A-Z][0-9]{2}\.[0-9]{2}\.[0-9]{3}", fullmatch=True),
                          st.integers(1, 4), st.integers(100, 900000)), min_size=1, max_size=4),
       st.sampled_from(["Код услуги", "Код товара", "Art.-Nr.", "Cód.", "SKU", "GTIN"]),
       st.sampled_from(["", "   "]))
def test_a_labelled_code_under_a_name_is_never_the_items_name(items, label, indent):
    # indented or not: the label says a detail, the name is the row above it
    p = interpret(captured(*_chek(items, label, indent)))
    assert lines(p) == [(name, q, q * u) for name, _, q, u in items]


# --- a Brazilian NFC-e's item: code, name wrapped, then "1  UN  x  3,99" ------------------


def _nfce(items: list[tuple[str, str, str, int, int]]) -> list[str]:
    """A DANFE NFC-e at 48 columns: the EAN-13 and the name (its rest on a
    row of its own when it wrapped), then quantity, unit, unit price, value."""
    body = []
    for ean, name, rest, qty, unit in items:
        body += [f"{ean} {name}", *([rest] if rest else []),
                 cols(f"{qty}  UN  x  {money(unit, ',')}", money(qty * unit, ","), 48)]
    total = sum(q * u for *_, q, u in items)
    return ["Documento Auxiliar da Nota Fiscal de Consumidor", "Eletrônica", "-" * 48,
            "Código  Descrição                    Valor total", "Qtde  Un  x  Valor unit.",
            *body, "-" * 48, cols("Valor total R$", money(total, ","), 48),
            cols("Dinheiro", money(total, ","), 48)]


def test_a_count_rows_unit_is_no_name_and_the_name_is_the_one_above_without_its_ean():
    p = interpret(captured(*_nfce([
        ("7896005800013", "ARROZ TIO JOAO T1 5KG", "", 1, 2890),
        ("7898080640611", "CAFE PILAO TRADICIONAL A VACUO", "500G", 1, 2204),
        ("7891962036106", "BISC RECHEADO BAUDUCCO CHOCOLATE", "140G", 2, 399)])))
    assert lines(p) == [("ARROZ TIO JOAO T1 5KG", 1, 2890),
                        ("CAFE PILAO TRADICIONAL A VACUO 500G", 1, 2204),
                        ("BISC RECHEADO BAUDUCCO CHOCOLATE 140G", 2, 798)]
    assert p.total_pence == 5892


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.from_regex(r"789[0-9]{10}", fullmatch=True),
                          st.sampled_from(["ARROZ TIO JOAO TIPO 1", "CAFE PILAO A VACUO",
                                           "FEIJAO CARIOCA KICALDO", "LEITE MOCA"]),
                          st.sampled_from(["", "500G", "1KG", "395G"]),
                          st.integers(1, 12), st.integers(50, 9999)), min_size=1, max_size=5))
def test_an_nfce_items_name_is_the_name_above_its_count_row_whole(items):
    p = interpret(captured(*_nfce(items)))
    assert lines(p) == [(f"{name} {rest}".strip(), q, q * u) for _, name, rest, q, u in items]
