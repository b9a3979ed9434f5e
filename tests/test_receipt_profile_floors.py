"""Floors for a till's profile learnt from five confirmed samples, per
layout (seed 11, 200 receipts each, the scoreboard's ``learnt5`` and
``silent5`` columns): receipts read fully right with the profile at least
this many, and read wrong with no flag at most this many (measured after
session 10's rules; the seventh and eighth holdouts were blind to them;
the seventh's and eighth's raised after session 11's learner and rules;
the ninth's and tenth's measured once blind after them). The profile is
learnt from other receipts of the layout than the ones scored
(``tests.receipts_score.learnt_rules``). The lead raises these after merging."""

from __future__ import annotations

import pytest

from tests.receipts_score import learnt_score, office_score, score

N, SEED = 200, 11

# layout: (fully right with the learnt profile, at least; silently wrong, at most)
FLOORS = {
    "chromis": (200, 0),
    "odoo": (200, 0),
    "openbravo": (200, 0),
    "sambapos": (200, 0),
    "uk-school": (200, 0),
    "unicenta": (200, 0),
    "vivipos": (200, 0),
    "hwsim:epson": (200, 0),
    "hwsim:nocut": (200, 0),
    "hwsim:uk-intl": (200, 0),
    "hwsim:win1252": (200, 0),
    "holdout:ospos": (200, 0),
    "holdout:takepos": (200, 0),
    "holdout:sap-cco": (200, 0),
    "holdout:erpnext": (200, 0),
    "holdout:school-b": (200, 0),
    "holdout2:triangle": (200, 0),
    "holdout2:nexopos": (200, 0),
    "holdout2:odoo8": (200, 0),
    "holdout2:floreant": (200, 0),
    "holdout2:school-c": (200, 0),
    "holdout3:quicktill": (200, 0),
    "holdout3:c4sh": (200, 0),
    "holdout3:roastery": (200, 0),
    "holdout3:nextpos-mz": (200, 0),
    "holdout3:lemonpos": (200, 0),
    "holdout3:school-d": (200, 0),
    "holdout4:tryton-presik": (200, 0),
    "holdout4:casio-ecr": (200, 0),
    "holdout4:saledock": (200, 0),
    "holdout4:billpy": (200, 0),
    "holdout4:school-e": (200, 0),
    "holdout4:brightpearl": (200, 0),
    "holdout5:vendly": (200, 0),
    "holdout5:ecothrift": (200, 0),
    "holdout5:sumup-cafe": (200, 0),
    "holdout5:impact-school": (200, 0),
    "holdout5:memsec-club": (200, 0),
    "holdout5:campus-card": (200, 0),
    "holdout6:cafepos": (200, 0),
    "holdout6:cassa-tavolo": (200, 0),
    "holdout6:receiptline": (200, 0),
    "holdout6:qz-raw": (200, 0),
    "holdout6:tucasi-academy": (200, 0),
    "holdout6:college-hall": (200, 0),
    "holdout7:escpos-php": (200, 0),
    "holdout7:order-slip": (200, 0),
    "holdout7:farmacia": (200, 0),
    "holdout7:cupom": (200, 0),
    "holdout7:squid-school": (200, 0),
    "holdout7:nhs-restaurant": (200, 0),
    "holdout8:circuit-digest": (200, 0),
    "holdout8:bitspace": (200, 0),
    "holdout8:gym-hub": (200, 0),
    "holdout8:paragon-pl": (200, 0),
    "holdout8:cunninghams-school": (200, 0),
    "holdout8:unicard-refectory": (200, 0),
    "holdout8:maloti-shop": (200, 0),
    "holdout9:unipunt-andorra": (200, 0),
    "holdout9:ksi-cafe": (200, 0),
    "holdout9:ktp-grocer": (155, 0),
    "holdout9:zm-store": (200, 0),
    "holdout9:young-scot-school": (200, 0),
    "holdout9:powys-ysgol": (199, 0),
    "holdout10:zollify-booth": (200, 0),
    "holdout10:toko-struk": (200, 0),
    "holdout10:alpha-plus-ke": (200, 0),
    "holdout10:caisse-fr": (200, 0),
    "holdout10:scot-school": (200, 0),
    "holdout10:cornish-academy": (200, 0),
    "holdout10:trt-simplificada": (200, 0),
    # the twelfth's two that trusted wrong charges (session 13: none now)
    "holdout12:fis-tr": (200, 0),  # its discount named with its rate, as printed (items11)
    # session 14, measured merged: the defaults read the eleventh's and twelfth's
    # numbers, tenders, totals and lines; the learner's tender phrases beside a
    # split's other part, a number the till does not print set aside, rules
    # below the total, a number by its own label, an item's name alone above
    # its values, no item name spanning a rate
    "holdout12:millbrook-bistro": (200, 0),
    "holdout11:ph-official": (200, 0),
    "holdout11:kvittering-no": (200, 0),
    "holdout11:frituur-be": (200, 0),
    "holdout11:tuck-shop": (200, 0),
    "holdout11:lancs-pin-school": (200, 0),
    "holdout12:scontrino-it": (200, 0),
    "holdout12:hollins-academy": (200, 0),
    "holdout12:doklad-cz": (200, 0),
    "holdout12:wep-gst": (200, 0),
    # a line printed at nothing on receipts without its charge ("Tips: $0.00")
    # set aside at nothing (learn8), a zero tip no item and a tip cancelling a
    # discount kept a line (silent10): the food truck's profile reads them all
    "holdout14:taco-truck-us": (200, 0),
    # a "#" number after the date; its exact cash, "Received" / "Change 0",
    # learnt from the text as read ("Received 2,937.00": learn10)
    "holdout13:receipt-jp": (186, 0),
    # the thirteenth's tenders and charges on top read by the defaults (h/afield10)
    "holdout13:tax-invoice-my": (200, 0),
    "holdout13:fingerprint-high": (200, 0),
    "holdout13:kvittering-dk": (186, 0),
    # items11: measures in names, subtotals said net in brackets, the Hungarian
    # and Vietnamese numbers, a name over its count with its unit, a US town's state
    "holdout13:kuitti-fi": (200, 0),
    "holdout14:nyugta-hu": (200, 0),
    "holdout14:hoadon-vn": (200, 0),  # rules21: "Thành tiền" the amount to pay
    "holdout14:kassenbeleg-ch": (200, 0),
    # silent16: a purse by its number flagged, tips in any language on top, a
    # code of letters, credit notes, Slovak and Ukrainian tenders
    "holdout15:fatura-pt": (200, 0),
    # safety2122's scoreboard counts a field wrong under a flag that does not
    # cover it (the lines under unread_number) as silent: 12 such, read right
    # since rules27 (a refund's "-1 ks x" count row is the count of the name above)
    "holdout15:ekasa-sk": (200, 0),
    "holdout15:square-ca": (200, 0),
    "holdout16:chek-ua": (200, 0),
    # a purse's number in the tender's name, "Sold from Purse 1", its split
    # partner "Sold from Purse 2 (FM)" a tender with no word (learn10)
    # learn18: a refund "Returned to Purse 1" is the purse "Sold from Purse 1" taught
    "holdout15:liveregister-school": (144, 0),
    # money16: a currency's mark a space before its amounts ("R 54,00", "AED 15.75"),
    # whole francs grouped by spaces, Ukrainian totals, a count in brackets under
    # a coded name, a headline total, a name wrapped in its cell
    "holdout15:abb-tax-th": (200, 0),
    "holdout15:loyverse-ie": (200, 0),
    "holdout16:ticket-sn": (200, 0),
    "holdout16:slip-za": (200, 0),
    "holdout16:pos-pro-ae": (200, 0),
    # safety17: an ignored count row keeps its count, payments no rule reads are
    # unread_tender, a way's label in a column names its tender, a size in a name
    "holdout17:bon-fiscal-ro": (200, 0),
    "holdout17:racun-hr": (200, 0),
    # pay19: national debit networks, wallets by name, a refund's own number,
    # a split with a purse no table names, the e-NCF where no folio
    "holdout17:kopitiam-sg": (200, 0),
    "holdout17:zettle-uk": (200, 0),
    "holdout17:mealcredit-school": (189, 0),
    "holdout18:swipe-limit": (200, 0),
    "holdout18:ticket-dz": (200, 0),
    "holdout18:fbr-pk": (200, 0),
    "holdout18:abm-school": (200, 0),
    # items19: heading rows, Greek labels, the DESC. column, wrapped names; the
    # e-NCF is hicloud-do's number where no Folio is printed (pay19, its README).
    "holdout17:apodeixi-gr": (200, 0),  # rules21: the number, the way of payment
    "holdout18:boleta-cl": (200, 0),
    "holdout18:hicloud-do": (200, 0),
    # holdout19, measured blind at e63ddad; boleta-pe's profile read a
    # customer's DNI as the receipt number with no flag (37 receipts) until
    # safety19 (a customer's identity document is never the number: 144 -> 200).
    # nfce-br's (0 right, 0 silent) is left out: learning it costs ~5 s of CPU.
    "holdout19:boleta-pe": (200, 0),
    "holdout19:chek-ru": (163, 0),  # names19: the name above its service code; the ФД
    "holdout19:factura-ar": (200, 0),  # rules21: a name wrapped in its cell
    "holdout19:trust-e": (200, 0),
    "holdout19:hc3s-primary": (200, 0),  # rules21: universal infant free meals
    "holdout19:fidelity-gpos": (200, 0),
    # the twentieth, measured once blind at e63ddad (its README: what goes wrong);
    # raised after safety20 (a line's tax rate, a labelled quantity, a name's
    # size and wrap, "mada", "FSM Lunch Allowance")
    "holdout20:efd-tz": (200, 0),
    "holdout20:zatca-sa": (200, 0),
    "holdout20:kvitto-se": (200, 0),
    "holdout20:racun-me": (200, 0),
    "holdout20:doha-roast": (195, 0),
    "holdout20:tutor-card": (200, 0),
    "holdout20:lunch-loan": (200, 0),
    # the twenty-first, measured once blind at d319abf (its README: what goes wrong)
    # raised after rules22a (QRK's columns, "БОН №", EFRIS's FDN and cells)
    "holdout21:qrk-at": (178, 0),
    # (a name wrapped as the first item under the cashier's row: 2, as the defaults)
    "holdout21:kasova-bg": (198, 2),
    "holdout21:efris-ug": (200, 0),
    "holdout21:thermoprint-co": (200, 0),  # rules25: "3 x 12900 COP" an amount
    "holdout21:shimna-gateway": (200, 0),
    "holdout21:shirley-mcas": (200, 0),
    "holdout21:cypad-primary": (189, 0),
    # holdout22, measured blind at d319abf. racun-rs's and webkassa-kz's (0
    # right, 0 silent) are left out: learning each costs 4-5 s of CPU.
    "holdout22:ceybyte-lk": (200, 0),  # rules22b: a house's "No. 12," is no number
    # rules26: the till's own "RECEIPT NUMBER:" told from the SDC block's by
    # what follows the label; "MOBILE MONEY" confirmed as printed, named
    "holdout22:ebm-rw": (200, 0),
    "holdout22:kassabon-nl": (198, 0),
    "holdout22:chartwells-pin": (200, 0),
    "holdout22:aspens-sixth": (200, 0),
    # holdout23, measured blind at 0b6e76a; toast-us since safety23 (a gift
    # card is never a bank card: sent as printed and flagged); chopbar-gh,
    # heshbonit-il, farmshop-uk since rules23.
    "holdout23:chopbar-gh": (200, 0),
    "holdout23:heshbonit-il": (200, 0),
    "holdout23:farmshop-uk": (200, 0),
    "holdout23:toast-us": (200, 0),
    "holdout23:kvitas-lt": (200, 0),
    "holdout23:caterlink-primary": (200, 0),
    "holdout23:tuck-biometric": (200, 0),
    # holdout24, measured blind at 0b6e76a; eticket-uy and egypt-pos after
    # safety24 (egypt-pos had been left out: its profile read 73 Arabic
    # receipts' tender as nothing with no review flag); woo-pos, sri-ec and
    # eticket-uy after rules24 (sri-ec's 35 silently wrong rows now read).
    "holdout24:woo-pos": (200, 0),
    "holdout24:gst-nz": (200, 0),
    "holdout24:sri-ec": (200, 0),
    "holdout24:eticket-uy": (200, 0),
    "holdout24:egypt-pos": (200, 0),
    "holdout24:kggs-wisepay": (200, 0),
    "holdout24:edc-scot": (200, 0),
    # holdout25 (UK and Irish school tills on their hard days), measured blind at
    # ee61aef: the profiles read what the defaults leave unread (accounts,
    # bilingual labels) and flag the rest; none trusted wrong. safety25: the
    # defaults read the accounts and the bilingual labels.
    "holdout25:ea-ni": (200, 0),
    "holdout25:fuelzone-gla": (200, 0),
    "holdout25:pembs-cy": (200, 0),  # rules28: a sale voided to £0.00 paid by its one way
    "holdout25:tfw-ie": (200, 0),
    # rules25: a subtotal per pupil, "Meals: 10", "Purpose:" / "Amount Paid:", "Reg No:"
    "holdout25:sac-ie": (200, 0),
    "holdout25:trust-kitchen": (200, 0),
    "holdout25:cash-office": (200, 0),
    # holdout26 (UK school and college tills on their hard days), measured blind
    # at a3b847a; safety26: the Welsh-first refunds' "-£0.95" read as minus under
    # the profile's total (ebbw-cy back in), the swipe card, money paid in, "1 2
    # course meal" and "Cash Amount:" read by the defaults and the profiles.
    "holdout26:holycross-sfc": (200, 0),
    # rules27: the guests' tokens; rules28: the meal plan's (TENDERS.md)
    "holdout26:meal-token": (200, 0),
    "holdout26:lancs-swipe": (200, 0),
    "holdout26:ebbw-cy": (200, 0),
    "holdout26:highland-pin": (200, 0),
    "holdout26:uni-canteen": (200, 0),
    "holdout26:pkc-nec": (200, 0),
    # holdout27 (UK school and college tills, other people's words), measured
    # blind at 90d205a (cardiff-bio left out then: its profile read 13 staff
    # sales paid "Card | Cerdyn" as paid from the account, no review flag).
    # safety27: the defaults read the bar-joined and row-beneath bilingual
    # labels, the pupil's number under the pupil's row, the purse's balance
    # that paid, and the profiles with them; kg-finger's 2 staff sales voided
    # to £0.00 flagged.
    "holdout27:kiosk-ea": (200, 0),
    "holdout27:su-cafe": (200, 0),
    "holdout27:cardiff-bio": (200, 0),
    "holdout27:wrexham-cy": (200, 0),
    "holdout27:durham-office": (200, 0),
    "holdout27:kg-finger": (200, 0),  # rules28: the 2 sales voided to £0.00
    # holdout28 (UK school, college and university tills, other people's
    # words), measured blind at 1cdde1f (office-fee left out: its profile
    # read 37 slips for two children as the first child's account and 14
    # refunds "Method: Cash refund" / "Refund to card" as no tender, no review
    # flag; gwynedd-cy's 69: "Cyfrif - Account: 66137" left unread, unflagged).
    # safety28: the defaults read " - " bilingual labels, flag two pupils'
    # numbers under one label and read a refund's way after "Method:", and
    # the profiles with them; the year group first ("Pupil: S4 / 4E2") no account.
    "holdout28:office-fee": (200, 0),
    "holdout28:hall-servery": (200, 0),  # rules29: "Meal Plan (Total):", a name cut at 21
    "holdout28:gwynedd-cy": (200, 0),
    "holdout28:mellors-bio": (200, 0),
    "holdout28:oasis-tutor": (184, 0),  # learn18: the split's part learnt (132 before)
    "holdout28:milnes-yscot": (200, 0),
    "holdout28:chit-tuck": (200, 0),
    # holdout29 (UK school, college and university tills, other people's
    # words), measured blind at 03b5530 (its README): no profile trusts a
    # receipt wrong; the office's month slip was not read (no total: unparsed;
    # read since rules30).
    "holdout29:najah-month": (200, 0),  # rules30: "For:" names what it paid for
    "holdout29:limhs-token": (182, 0),
    "holdout29:denbigh-cy": (200, 0),  # rules30: one way in two languages
    "holdout29:bgu-ppmc": (200, 0),
    "holdout29:trinhall-bill": (200, 0),
    "holdout29:builth-thumb": (200, 0),
    # (13, 120) blind: the dot leaders read into the names, no review flag;
    # safety29b reads them as the column's fill (ITEMS.md)
    "holdout29:comberton-card": (200, 0),
    # holdout30 (UK and Irish school, college and university tills on their
    # hard days), measured blind at ac802c8 (its README). lboro-diners and
    # foodex-ie left out blind, their profiles trusting receipts wrong (70:
    # "diners+ (1 meal)" with "Debit card" read as the card alone; 14: "Meal
    # plan (1 unit)" with "Card balance", the account by the lead's ruling
    # since); joined by safety30b, none trusted wrong.
    "holdout30:onefaith-sixth": (200, 0),
    "holdout30:cafe16-wpf": (200, 0),
    "holdout30:rct-bilingual": (200, 0),  # safety30b: "Cash inserted" (186 blind)
    "holdout30:lboro-diners": (193, 0),  # rules31: "cash+" over its own balance
    "holdout30:foodex-ie": (200, 0),  # rules31: "Card balance", pre-orders, refunds
    "holdout30:edinburgh-finger": (200, 0),  # rules31: the footer, the pay-ins
    "holdout30:sefton-office": (200, 0),
    # holdout31 (UK school and college tills and offices), measured blind at
    # 9045956 (its README); no profile trusts a receipt wrong. office-shop's
    # 37: a name wrapped onto a second row read as its last row, as the
    # defaults read it.
    # safety31: breakfast-club's number and date, fcm-thumb's learner's number
    # and free college meal, house-bank's house bank, office-shop's wrapped
    # names joined where their rows say so (the rest flagged lines_ambiguous)
    "holdout31:breakfast-club": (184, 0),
    "holdout31:diet-preorder": (200, 0),
    "holdout31:ea-dinner": (185, 0),
    "holdout31:fcm-thumb": (200, 0),
    "holdout31:gaidhlig-cnes": (200, 0),
    "holdout31:house-bank": (200, 0),
    # (3: "Revision guide - GCSE English" / "Literature" after a name's rest
    # wrapped under its row, read as that row's rest's neighbour: no doubt
    # flag where the words above may be the row above's, ITEMS.md)
    "holdout31:office-shop": (171, 3),
}


@pytest.mark.parametrize("layout", sorted(FLOORS))
def test_a_profile_learnt_from_five_samples_reads_the_others_and_flags_what_it_misses(layout):
    right, silent = FLOORS[layout]
    sc = learnt_score(layout, N, SEED, 5)
    assert sc.right >= right and sc.silent <= silent and sc.trusted_wrong == 0, (
        f"{layout}: {sc.right} right (floor {right}), {sc.silent} silently wrong "
        f"(at most {silent}), {sc.trusted_wrong} with a wrong total or tender and no flag")


# layout: receipts read fully right that a profile learnt from five still
# flags for a person to check, at most (the scoreboard's miss5, as receipts:
# a false alarm at every lunch). learn11: a till that prints no tender word
# for exact money learns what such a sale is (``unnamed_tender``), and the
# money handed over and the change that make a cash total are no alarm.
FALSE_ALARMS = {
    "holdout2:floreant": 0,
    "holdout4:tryton-presik": 0,
    "holdout4:billpy": 0,
    # safety22: change given back is cash, money handed over exactly with no
    # way named is unread_tender (TENDERS.md); the five samples all gave change,
    # so they teach nothing of the exact-money sales, which stay flagged as with
    # the defaults (before, read with no tender and no flag: the journal filled
    # in the pupil's account)
    "holdout7:farmacia": 36,
    # pay19: MB WAY by name is no alarm; learn16: nor a credit note's "Ref.:
    # FS A2026/284" or a discount whose items add up (lines_ambiguous), 59 -> 0
    "holdout15:fatura-pt": 0,
    # learn16: the wallets' "Txn ID:" line below the total, which no sample
    # printed, describes the payment read (a provider's slip), 43 -> 0
    "holdout18:fbr-pk": 0,
    "holdout17:kopitiam-sg": 0,
    # pay19: a refund "Credited to Balance" where the samples paid "From
    # Balance", and "Free Meal Entitlement" by name, no alarm
    "holdout18:swipe-limit": 0,
    # pay19: the meal credit + balance splits now read right, still flagged:
    # "Meal Credit" no table names (the site says whose money it is)
    "holdout17:mealcredit-school": 27,
}


@pytest.mark.parametrize("layout", sorted(FALSE_ALARMS))
def test_a_profile_learnt_from_five_samples_flags_few_receipts_it_reads_right(layout):
    sc = learnt_score(layout, N, SEED, 5)
    assert sc.false_miss <= FALSE_ALARMS[layout], (
        f"{layout}: {sc.false_miss} right receipts flagged for review "
        f"(at most {FALSE_ALARMS[layout]}): {dict(sc.alarms)}")


# learn14: a profile learnt from five samples is never worse than the
# defaults: on every layout of the board it reads at least as many receipts
# fully right, and flags no more of the right ones, except by this many on
# these (a ceiling that may only fall). Each is a layout whose five samples
# pass the proof of its layout (``receipt_learn_proof``: each, held out, known
# by the others) and whose other receipts print lines none of the five
# printed: a card slip's lines under the card sales where the samples all
# paid cash (chromis), a purse's or an allowance's own lines, a line read as
# an item no sample had. By the paper, a line nobody taught: the receipt is
# flagged ``template_miss`` where the defaults read it right.
ABOVE_DEFAULTS = {
    # Since rules21 the defaults read these right where they had read them
    # wrong and flagged (hoadon-vn's "Thanh tien", factura-ar's wrapped cells,
    # hc3s-primary's universal infant meals); the profile's template_miss on
    # lines its five samples did not print is the same count as before: a
    # ceiling measured on 7 December, after the merge.
    # holdout22's sixth-form cafe: a card slip's lines and "Bursary" no sample had.
    "holdout22:aspens-sixth": 8,
    # (efris-ug, 1 since rules22a, "Mobile Money" unmapped under the profile: 0
    # since rules26, the technician's confirmation names it, TENDERS.md)
    # (holdout23's caterlink-primary 28 -> 0, learn16: "2 x Yoghurt £0.80" is
    # the till's item line with a count before the name, profile.counted;
    # farmshop-uk 7 -> 0, learn16: a name's rest on 58 mm paper ("Local
    # wildflower honey" / "340g") that the reading joined, profile.fits; the
    # rules23 trap, pos-pro-ae's profile completed by it and flagging 55
    # discounts, closed by the proof counting such a line as one no sample
    # printed, reader.misses(novel=True).)
    # a tuck shop's "2 x Main meal of the day@2.50  5.00": the name glued to
    # its "@" where the samples' shorter names left a space
    "holdout23:tuck-biometric": 13,
    # (holdout24's woo-pos 1 and sri-ec 13: 0 since rules24, the defaults read
    # them right and the profile flags none of them.)
    # (holdout24's eticket-uy 44 -> 0, learn16: the card sales' "OCA ****7099"
    # describes the card that paid, the credit notes' "Ref.: e-Ticket ..." the
    # sale they undo: profile.described.)
    # holdout25 (blind, ee61aef): lines no sample printed (a staff adult meal,
    # a meal deal's parts, a healthy-choice reward, points), template_miss.
    # ea-ni 15 -> 17 (safety25): the same profile, but the defaults now read the
    # staff members' receipts right ("Acc No: S0245"), so two more of the
    # profile's template_miss fall on receipts counted right. learn19: 17 ->
    # 10, "OFFLINE - SENT LATER" says nothing the defaults read (profile.
    # vouched); left: "Printed: 12/03/2026 12:31" (a date: a line printing one
    # is known only by a shape a sample taught). fuelzone-gla 22 -> 0 and
    # left out (a meal deal's parts, "Yoghurt", named alone under it).
    "holdout25:ea-ni": 10,
    # (trust-kitchen 14, rules25: the profile's right receipts paid by cheque
    # kept unmapped_tender; 0 and left out since rules28, a cheque by its name
    # is the contract's clarified "cheque", TENDERS.md)
    # pembs-cy 15 (rules28): the sales voided to £0.00 ("Cyfrif/Account
    # £0.00"), read wrong and flagged before by the defaults and the profile,
    # are now read right; the profile still flags them template_miss (no
    # sample printed a void): no receipt newly flagged
    "holdout25:pembs-cy": 15,
    # holdout26 (blind, a3b847a): lines no sample printed (a cheque or a deposit
    # paid in, a top-up row, an allergy note), template_miss (lancs-swipe 17,
    # highland-pin 23: 0 and left out since rules28, the cheques' payments no
    # longer flagged by either)
    # durham-office 30 (rules28): the defaults no longer flag the office's
    # cheques (unmapped_tender, 42 right receipts: a cheque by its name is
    # "cheque"); the profile still flags 43 right receipts whose children's
    # rows its five samples never printed (template_miss), as before: its
    # false alarms are the same 82, the defaults' fell from 94 to 52
    # learn19: 30 -> 0 and left out, the children's rows ("Freya Evans
    # Nursery") say nothing the defaults read, and they read those slips so.
    # kg-finger 2 (rules28): the staff sales voided to £0.00 ("Debit card
    # £0.00"), flagged unread_tender before, are now read right; the profile
    # flags them template_miss (no sample printed a void): none newly flagged
    "holdout27:kg-finger": 2,
    # uni-canteen 7 -> 34 (safety26): the 27 deposits paid in ("Deposit to EPOS
    # account £5.00"), read wrong and flagged before, are now read right by the
    # defaults and the profile, whose template_miss still flags them (no sample
    # printed a deposit): no receipt newly flagged
    "holdout26:uni-canteen": 34,
    # holdout27 (blind, 90d205a): right receipts the profile flags
    # template_miss where its five samples printed no such line (su-cafe 77,
    # cardiff-bio 30, wrexham-cy 15 then: 0 since safety27, the defaults read
    # those receipts, the profile with them). kiosk-ea, 15 since safety27 (0
    # right before, every receipt flagged unparsed): a queued sale's "SENT
    # LATER : ... (OFFLINE)" no sample printed, template_miss.
    "holdout27:kiosk-ea": 15,
    # cardiff-bio 44 (lead, 7 December evening): since a refund's banner in
    # two languages parted by " | " reads as the refund it is ("REFUND |
    # AD-DALIAD" over an unsigned total had read as a sale, no flag), its five
    # samples prove their layout, whose other receipts print "Account
    # overdrawn | Cyfrif wedi gorwario" (a balance below nothing) that no
    # sample printed: template_miss (before, the profile kept the defaults').
    # learn19: 44 -> 0 and left out, a line the defaults read nothing from on
    # receipts they read exactly so, undoubted (profile.vouched).
    # meal-token 12 (rules27): the guests' tokens ("Paid: Cash £5.40"), read
    # wrong and flagged before by the defaults and the profile, are now read
    # right; the defaults still hold 13 (total_unsure: the cash is the only
    # figure the total rests on) and the profile 25 (template_miss: its five
    # samples were the meal plan's, no guest's): no receipt newly flagged.
    # 12 -> 51 (rules28): the plan's tokens with extras paid at the till and
    # the cancelled ones, read wrong and flagged before, are now read right;
    # the profile flags those its five samples never printed (an extra's
    # "1 x Second main", "Returned to plan:") template_miss: none newly flagged
    "holdout26:meal-token": 51,
    # holdout28 oasis-tutor 52 (learn18, measured at the merge): "Meal
    # entitlement £2.35" then "Account £1.20", read as the account and
    # flagged by the defaults, read as the split it is under the profile (a
    # split's part learnt with no word) and still flagged unmapped_tender
    # (nobody said which tender the entitlement is): none newly flagged
    "holdout28:oasis-tutor": 52,
    # (holdout28 office-fee 37, safety28: the two-children slips the defaults
    # read no total of; 0 since rules29, the defaults read "Amount:" and hold
    # them as the profile does, several_accounts)
    # holdout29 (blind at 03b5530, its README), right receipts the profile
    # learnt from five flags that the defaults do not: the bursary's free
    # meal ("Bursary meal: £2.75") and the Welsh column's ("Cinio am ddim
    # Free meal") kept as printed, unmapped_tender (limhs-token 64,
    # denbigh-cy 32); lines and rows its five samples never printed,
    # template_miss (trinhall-bill 105: the bar's cash, a guest; builth-thumb
    # 26: the offline "POSTED" row, the daily limit's). denbigh-cy 32 and
    # trinhall-bill 105 -> 0 since rules30 (the defaults read "Cinio am ddim
    # Free meal" and "To college bill", TENDERS.md: what the profile flagged
    # they read right now, and the profile with them)
    "holdout29:limhs-token": 64,
    "holdout29:builth-thumb": 26,
    # holdout31 breakfast-club 7 (safety31, seed 11): the employer's
    # childcare vouchers ("Edenred childcare voucher 3.50"), "voucher" by the
    # contract's convention and flagged unmapped_tender until the site maps
    # it, by both (60 of the profile's 184 right, 53 of the defaults' 171:
    # the defaults read the rest's "Credit b/f (absent 05/06)" unparsed):
    # none newly flagged, more read right
    "holdout31:breakfast-club": 7,
    # holdout30 (blind at ac802c8, its README): the primary office's cash
    # slips the defaults read no total of (unparsed, "TOTAL RECEIVED" read as
    # a line), read right under the profile and still flagged on 55: slips
    # for two or three children ("Adm no." printed on none), template_miss
    # (holdout30 sefton-office 55: 0 since "TOTAL RECEIVED" is the total)
    # safety30b (seed 11, all 200): the university's meal plan then cash or
    # the debit card ("diners+ (1 meal) 4.95" / "Cash 5.00" / "Change 2.10"),
    # read right as a split by both (the defaults flag split_tender, no
    # review flag) and flagged unmapped_tender by the profile: wrong before
    # (the plan read as Diners Club's card); why the profile doubts the
    # plan's word in a split its samples printed is not yet found. 0 since
    # the learner's WORD_ENDS (merged tree, session 24: 32 and 32, the plan
    # then cash+ flagged by both): deleted
    # learn16 (7 December, seed 11): 0 and left out, lines that describe what
    # the reading read (profile.described: chromis 41, a card's slip;
    # fbr-pk 43; fatura-pt 59 and ospos 26 with a discount whose items add
    # up, lines_ambiguous), change under the cash tendered (bon-fiscal-ro 38),
    # a name's rest the reading joined (factura-ar 55); receipt-jp 12 was
    # already below the defaults (-9). Lowered: hoadon-vn 104 -> 95 (what is
    # left: the shop's "MST:" tax code no sample printed), hc3s-primary 26 ->
    # 8 (a note between marks, "** Special diet: NO NUTS **", is a note; left:
    # "MEAL CANCELLED - REFUND"), school-e 41 -> 8 ("* FREE MEAL *" over a free
    # meal's part; left: over a credit note credited to the account).
    # learn17: 0 and left out, a staff member named by role where the five
    # samples were pupils' ("Staff  MS OKORO", "Staff Mr Penrose": profile.
    # _a_person; impact-school 28, cornish-academy 30), a bar's table under
    # a note's label ("Tab: Table 19": memsec-club 48), a refund's notice on
    # a receipt read as a refund ("MEAL CANCELLED - REFUND": hc3s-primary 8).
    # learn19: 0 and left out, lines no sample printed that the defaults read
    # nothing from, on receipts they read exactly as the profile, undoubted
    # (profile.vouched): fingerprint-high 14 ("*** VOID / REFUND ***" over a
    # refund), kvittering-dk 7 (a refund's "RETURBON"), hoadon-vn 95 (the
    # shop's "MST:" tax code), lunch-loan 18 ("** LUNCH LOAN - PLEASE TOP UP
    # **"), powys-ysgol 11 ("Ad-dalwyd i / Refunded to" over a refund).
    "holdout14:swipe-academy": 13,
    "holdout18:hicloud-do": 19,
    "holdout4:school-e": 8,
    "holdout6:college-hall": 78,
    "holdout8:cunninghams-school": 45,
    "holdout8:unicard-refectory": 13,
}


def _board() -> list[str]:
    from tests.receipts_score import HOLDOUTS, all_layouts, group_layouts

    return all_layouts() + [lay for group in HOLDOUTS for lay in group_layouts(group)]


def _never_worse(layout: str, learnt, whose: str, above_defaults: int,
                 silent_above: int = 0) -> None:
    """``learnt`` (a Score of ``layout`` with a profile, of the first
    ``learnt.receipts`` of the ``N``) reads as many fully right as the
    defaults, no more silently wrong (but ``silent_above``), and flags at
    most ``above_defaults`` more right receipts."""
    defaults = score(layout, N, SEED, first=learnt.receipts)
    assert learnt.right >= defaults.right \
            and learnt.silent <= defaults.silent + silent_above, (
        f"{layout}: {learnt.right} right with {whose}, {defaults.right} with the defaults; "
        f"{learnt.silent} silently wrong, {defaults.silent} with the defaults")
    assert learnt.false_miss - defaults.false_miss <= above_defaults, (
        f"{layout}: {learnt.false_miss} right receipts flagged with {whose}, "
        f"{defaults.false_miss} with the defaults: {dict(learnt.alarms)}")


# KNOWN WORSE, a ceiling that may only fall (found on 7 December when the
# blind holdout24 joined the board): receipts a profile learnt from five reads
# wrong with no flag where the defaults flag them (unparsed, so held).
# sri-ec (Ecuador's SRI factura): "1 Huevos cubeta x30" read as 30 of "1
# Huevos cubeta", or a 40-column row "   4 x 0.60   0.12   2.28" as one of "4
# Chifles de verde", trusted (totals and tenders right). egypt-pos (94, its
# Arabic "طريقة الدفع: بطاقة" above the items read as no tender) 0 since
# safety24.
# rules24: 0 (the defaults read the pack's "x30" and the discount column, and
# the profile with them).
# holdout26 (7 December, blind, a3b847a; its README): ebbw-cy, the profile
# reads 14 Welsh-first refunds ("AD-DALIAD (REFUND)" / "Cyfanswm (Total)
# -£0.95" / "Yn ol i'r cyfrif (To account) £0.95") as sales of +£0.95, no
# review flag (the defaults read no total there, flagged); 0 since safety26
# (the minus the learnt label took before the pound read back).
# holdout27 (7 December, blind, 90d205a; its README): cardiff-bio, the
# profile reads 13 staff sales paid "Card | Cerdyn £6.80" (or "Cash | Arian
# parod") as paid from the pupil's account, no review flag (the defaults read
# no total there, flagged); durham-office, the profile leaves the child's "Ref
# 16584" (the account) unread and unflagged on 22 more slips than the defaults.
# 0 since safety27 (the defaults read "Card | Cerdyn" and the child's "Ref",
# and the profiles with them).
# holdout28 (7 December, blind, 1cdde1f; its README): office-fee, the profile
# reads 37 slips paid for two children ("Student: Tomasz & Lowri Reid" /
# "Admission No.: 2956 / 2313") as the first child's account, and 14 refunds
# ("Method: Cash refund", "Refund to card") as no tender, no review flag (the
# defaults read no total there, flagged); gwynedd-cy, the profile leaves
# "Cyfrif - Account: 66137" unread and unflagged on 69. 0 since safety28 (the
# defaults flag two pupils' numbers under one label, several_accounts, read
# "Method: Cash refund", and read the " - " bilingual labels; the profiles
# with them).
# holdout29 (7 December, blind, 03b5530; its README): comberton-card, the
# profile reads 120 receipts' items with their dot leaders in the name
# ("Bagel..................." for "Bagel.....1.20") or a count before the
# name as part of it ("2 x Fruit juice........", 1), no review flag, where
# the defaults flag every receipt unparsed (totals, tenders, accounts right:
# none trusted wrong). 0 since safety29b (the leaders are the column's
# fill, read as spaces before any reading: ITEMS.md, "Dot leaders glued to
# the amount").
# holdout30 (7 December, blind, ac802c8; its README): lboro-diners, the
# profile reads 129 receipts wrong with no review flag where the defaults
# read 29 so (the defaults: "cash+ 4.75", the money on the university card,
# read as cash; the profile: "diners+ (1 meal)" then "Debit card" read as
# the card alone, "Cash" / "Change" as the account, "3 Bottled water" as one
# of "3 Bottled water"), and 23 fewer fully right; foodex-ie, 14: "Meal plan
# (1 unit) €5.00" then "Card balance €7.25" read as the account alone. 0
# since safety30b: the "+" is the word's ("diners+" no Diners Club card,
# "cash+" no cash: NUMBERS.md), "diners+ (1 meal)" the plan's units, the
# account (TENDERS.md); foodex-ie's are the account by the lead's ruling.
SILENT_ABOVE: dict[str, int] = {}


@pytest.mark.parametrize("layout", _board())
def test_a_profile_learnt_from_five_samples_is_never_worse_than_the_defaults(layout):
    _never_worse(layout, learnt_score(layout, N, SEED, 5), "the profile",
                 ABOVE_DEFAULTS.get(layout, 0), SILENT_ABOVE.get(layout, 0))


# The same for the profile the office's checks of five flagged receipts teach
# (``agent receipt learn --from-reviews``; ``tests.receipts_score.office_rules``):
# flagged receipts are the ones the defaults doubt, so these are layouts whose
# checked five print lines the rest do not (or the other way round).
# learn16: lemonpos 69, unicenta 29 -> 0 (a card's slip under the card that
# paid: "Authorisation #:", "Auth Code : 43532A", profile.described), ospos
# 26 -> 0 (a discount whose items add up: lines_ambiguous). learn17:
# cornish-academy 30 and memsec-club 48 -> 0 (a staff member by role, a
# bar's table: as ABOVE_DEFAULTS); slip-za 1 -> 0 (already so at 90d205a).
OFFICE_ABOVE_DEFAULTS = {
    # holdout30 (blind at ac802c8, its README): edinburgh-finger, 144 right
    # receipts the office's profile flags where the defaults flag none;
    # sefton-office 55, as ABOVE_DEFAULTS'
    # (holdout30 edinburgh-finger 144: 0 since rules31, the footer's "Pay
    # online with ParentPay" no way paid: the profile's unmapped_tender gone)
    # (holdout30 sefton-office 55: 0 since "TOTAL RECEIVED" is the total)
    # (holdout27:su-cafe 77 blind at 90d205a, the technician's template_miss:
    # 0 since safety27)
    # learn17, found when every set joined the office's check (measured the
    # same at 90d205a, seed 11, on all 200): the Australian grocer's checked five
    # (flagged total_unsure) printed no refund ("Refund processed",
    # "Original Invoice: 1-3-2-908") and no weighed item's row ("0.620kg @
    # $13.99/kg ($14.99) $8.67"), template_miss where the defaults read them
    # right (the technician's five printed them: 0 above)
    "holdout9:ktp-grocer": 11,
    # rules27: the meal token's guests read right now, flagged before and still
    # (total_unsure by the defaults, 13; the office's profile, 16): none newly
    # flagged. 3 -> 51 (rules28): the plan's tokens read right now, flagged
    # before and still (the office's five checked were guests': template_miss)
    "holdout26:meal-token": 51,
    # learn18: a split's part the defaults do not read beside the tender they
    # read ("TICHETE MASA 23.00" / "NUMERAR 23.80"; nfce-br's payment code
    # "Meio 03  0,01" under "Dinheiro  1,48"), learnt from the office's "paid in
    # parts" with no word: those splits, read as cash and flagged
    # unread_tender before, now read as their two parts (bon-fiscal-ro 128 ->
    # 165 right, nfce-br 146 -> 188) and stay flagged (unmapped_tender: nobody
    # said which tender the vouchers or the code are). None newly flagged
    # (seed 11, all 200). 37 and 42 -> 0 (spot17): the way paid the office
    # changed on the form is confirmed as the paper's though the reading found
    # none (``receipt_learn_office``): both read all 200 right, unflagged.
    # (holdout28:chit-tuck 2, blind at 1cdde1f: 0 since safety28, "Paid in
    # cash" read by the defaults.) (office-fee 37, safety28: the two-children
    # slips held by the profile, several_accounts, that the defaults read no
    # total of; 0 since rules29: the defaults read "Amount:" and hold them too)
    # oasis-tutor 75 (learn18, at the merge): the 52 splits as ABOVE_DEFAULTS'
    # (none newly flagged), and 23 the defaults read right unflagged that the
    # office's profile flags template_miss: lines its five checked receipts
    # never printed (measured, seed 11, all 200). learn19: 75 -> 66, "Tutor
    # STAFF" says nothing the defaults read (profile.vouched); left: voided
    # items ("Void Jacket potato" and its minus), money no checked receipt printed.
    "holdout28:oasis-tutor": 66,
    # holdout29 limhs-token 64 (blind at 03b5530): as ABOVE_DEFAULTS' (the
    # bursary's free meal kept as printed, unmapped_tender)
    "holdout29:limhs-token": 64,
    # (holdout29 denbigh-cy 32, safety29b: as ABOVE_DEFAULTS'; the office's
    # profile read none of its 200 right before, the account unread,
    # unflagged: silent 130; 162 since the two-column account is read; 0
    # above and 200 right since rules30, the Welsh column's way read)
}


# KNOWN WORSE, a ceiling that may only fall (found on 7 December when the
# blind sets holdout21/22 joined the board): a till the defaults cannot read
# at all (unparsed, so held), where the office's five checks teach a profile
# that reads its totals and then trusts what it still misreads. racun-rs
# (Serbian fiscal receipt): items ("Kafa espreso (Đ)": the tax label kept in
# the name) and number (the PIB read, not "PFR broj računa") under no flag
# that covers them: lines and numbers, ITEMS.md and NUMBERS.md. (Closed by
# safety22, TENDERS.md: thermoprint-co, 93 -> 0, "CAMBIO" read as change and
# change is cash; webkassa-kz, 24 -> 0, "Мобильный платеж" that the profile
# sets aside above the total flagged unread_tender.) webkassa-kz again, 11:
# after rules22b's "Стоимость" rows (the defaults' silent 175 -> 1) and
# safety22 merged, the office's profile reads its lines and still trusts 11
# receipts wrong (a way paid above ИТОГО read as no tender; measured at
# 6e64f40; 24 at the session's start).
# holdout24 (7 December, blind): woo-pos (WooCommerce POS), 199 receipts
# read wrong with no flag (the technician's profile flags them
# template_miss): the shop's opening hours "Open Mon-Fri 8:15-9:00" read as
# the time of sale, and on 57 of them a wrapped name ("Scientific" /
# "calculator fx-83GT CW") or a variation ("Size: Age 11-12") read into the
# lines; totals and tenders right. (egypt-pos, 73 at first: 0 since
# safety24, the Arabic way paid is read.) woo-pos 199 and racun-rs 49: 0
# since rules24 (the hours a span, the wrapped names and variations read;
# the Cyrillic payment types read). webkassa-kz, 11: 0 since learn15 (the
# office's total learnt from the QR link's "s=3240.00" below the payment
# lines read "Банковская карта:  3 240,00" as an item; a profile reading no
# tender where the defaults read one is unread_tender).
# holdout25 (7 December, blind, ee61aef; its README; closed by safety25, 38
# -> 0: the defaults read the bilingual labels and flag two accounts on one
# slip, so the office's profile reads them too): the office's profile of
# Pembrokeshire's bilingual slip reads 12 refunds ("AD-DALIAD / REFUND",
# "CYFANSWM/TOTAL -£4.10", "I'r cyfrif / To account £4.10") as sales of +£4.10
# with no tender, and 13 sales voided to £0.00 with no tender, under no review
# flag (25, all trusted wrong); of the Dublin college's smart card, 13 slips
# with two pupils' cards read as one sale in two "Smart Card" parts with the
# second pupil's lines dropped, under no review flag (the defaults flag them).
# holdout26 (7 December, blind, a3b847a; its README): the office's profile of
# the sixth-form canteen's escpos-php slip (no date; "Cash Amount:" above
# "Total :") read 142 wrong under no flag where the defaults flag them; of the
# Welsh-first slip, 200 (14 of them refunds read as sales: trusted wrong). 0
# since safety26 ("TN:" below the items flagged unread_number where no number
# was read; the bracketed labels read by the defaults).
# holdout27 (7 December, blind, 90d205a; its README): the office's profiles of
# the two bilingual slips and the primary's office read every total and
# tender the defaults flag, and leave the account unread under no flag:
# "Account | Cyfrif: 342411" (cardiff-bio 115), "Cyfrif 48503" / "  Account"
# (wrexham-cy 164), the child's "Ref 16584" (durham-office, 22 more than the
# defaults' 45).
# 0 since safety27 (the defaults read those accounts: "Cyfrif" is the
# account's label, the bar and the row beneath bilingual, the child's "Ref"
# under the child's row).
# holdout28 (7 December, blind, 1cdde1f; its README): the office's profile of
# the primary office's slip trusts the same 51 as the technician's (two
# children read as the first child's account; "Method: Cash refund" no
# tender); of the Gwynedd slip, 57 read with no tender ("Arian parod - Cash",
# "Cerdyn - Card", "Siec - Cheque") or no account, no review flag, where the
# defaults flag every receipt unparsed. 0 since safety28 (as SILENT_ABOVE's).
# holdout30 (7 December, blind, ac802c8; its README): the office's profile of
# the Rhondda Cynon Taf slip reads 14 top-ups at the terminal ("Cash top-up
# 20.00" / "Cash inserted 20.00", English over Welsh) with the total right
# and no tender (the cash put in unread), no review flag, where the
# defaults flag them unparsed. 0 since safety30b (the defaults read "Cash
# inserted" as the cash put in, TENDERS.md; the profile with them).
# holdout31 (8 December, blind, 9045956; its README): the office's profile
# reads more receipts wrong under no flag that covers them than the defaults
# (none trusted wrong: the fields are the number, the date, the lines and an
# account left unread): breakfast-club 152 (118 by the defaults: the week
# booked read as the day paid, "Booking no." unread; the voucher splits it
# learnt no longer flagged), fcm-thumb 156 (85: "Learner: 21376014" unread
# where the free college meal's splits were flagged by the defaults).
# 0 since safety31 (breakfast-club's number and date read, fcm-thumb's
# learner's number read).
OFFICE_SILENT_ABOVE: dict[str, int] = {}


# Every layout of the board is held to the office's profile; the four newest
# sets (the tills least like the rest) and every layout with a ceiling on
# all N of its receipts, the others on the first OFFICE_FIRST of them (a
# ceiling read on fewer; the office's profile learnt as for all N). CI's ten
# minutes: the office's profile of every layout read on all N cost ~60 s of
# the suite's 600; the whole board on all N is the scoreboard's ``--office``.
OFFICE_FIRST = 50


def _office_held() -> list[tuple[str, int]]:
    """Each layout of the board, with how many of its receipts the office's
    profile is held on."""
    from tests.receipts_score import HOLDOUTS, group_layouts

    whole = {lay for g in HOLDOUTS[-4:] for lay in group_layouts(g)} \
        | {*OFFICE_ABOVE_DEFAULTS, *OFFICE_SILENT_ABOVE}
    return [(lay, N if lay in whole else OFFICE_FIRST) for lay in sorted(_board())]


@pytest.mark.parametrize(("layout", "first"), _office_held(),
                         ids=[lay for lay, _ in _office_held()])
def test_a_profile_learnt_from_the_offices_checks_is_never_worse_than_the_defaults(layout, first):
    _never_worse(layout, office_score(layout, N, SEED, first=first), "the office's profile",
                 OFFICE_ABOVE_DEFAULTS.get(layout, 0), OFFICE_SILENT_ABOVE.get(layout, 0))
