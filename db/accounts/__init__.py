"""Who may use the program and what each role may do."""
