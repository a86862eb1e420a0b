"""The lab's use cases: catalogue, equipment and calendar, sample intake, chain of custody, planning."""
