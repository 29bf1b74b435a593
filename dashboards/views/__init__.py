"""What each manager page shows, built from the warehouse through disclosure control: the pages' callbacks and
`helhed report` draw the same content from here."""
