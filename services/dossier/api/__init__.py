"""The dossier's internal API: routes, the error table and the views of the contract."""
