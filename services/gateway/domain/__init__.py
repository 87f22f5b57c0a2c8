"""The applicant site's own rules: what a typed form must look like before identity is asked."""
