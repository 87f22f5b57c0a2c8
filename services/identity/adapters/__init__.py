"""What identity uses from outside its rules: cryptography and the list of common passwords."""
