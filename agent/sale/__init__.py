"""A sale: receipt and identification in, a flagged transaction out.

``pipeline`` runs it on the runtime's main loop; ``correlation`` joins who
and what, ``policy`` (with ``balances``) flags it, ``txn_ids`` and
``receipt_identity`` name it, ``receipt_rules``/``receipt_learn`` are the
till's interpretation rules.
"""
