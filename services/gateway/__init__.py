"""The applicant site (DSFR, in French): account, application, notifications."""
