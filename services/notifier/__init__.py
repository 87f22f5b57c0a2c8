"""notifier: in-app notifications of the applicant's espace personnel and e-mails over SMTP."""
