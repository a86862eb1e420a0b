"""The lab's screens: intake, samples and their history, catalogue, equipment, planning."""
