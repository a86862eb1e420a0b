"""The lab's documents: the sample label and the intake receipt."""
