"""The records: every answer kept on disk, the staff PIN, and the exports.

Holds the SQLite store (`store`: WAL, one transaction per answer, recovery on
start, retention), the staff PIN and its lockout (`pin`), CSV and FHIR export
(`export`, `fhir`, `fhir_terms`), and the clinic server shared by many kiosks: the
connection and its schema (`server`), the background copy (`sync`) and reading every
kiosk's records back (`clinic`).

May import: `kiosk.clinical` (the shapes it stores). Never Kivy.
"""
