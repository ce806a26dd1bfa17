"""The use cases: what the CLI, the batch workers and the web service all call.

* :mod:`esign.app.admin`    – certificates, trust anchors, revocation, service keys.
* :mod:`esign.app.signing`  – plan, consent, unlock, sign and audit (one letter or a batch).
* :mod:`esign.app.trust`    – the trust settings of a verification: store + flags.
* :mod:`esign.app.verifying` – verification audit and the sealed PDF report.

An app function takes the store, the secrets and the clock it needs as arguments, and
asks a person nothing itself: questions (consent, passphrases) arrive as callbacks from
the CLI or the web service. It never imports click or rich.
"""
