"""Verification: what an auditor needs to know about every signature in a file.

``core`` reads the file and checks each signature, ``revisions`` analyses what changed
after signing, ``ltv`` finds the trusted time and revocation, ``rawsig`` checks bytes no
parser reads, ``batch`` verifies many files in parallel.
"""

from esign.verify.core import TrustSettings, verify_pdf

__all__ = ["TrustSettings", "verify_pdf"]
