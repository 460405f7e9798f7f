"""`make bench`: every benchmark, each printing its ratio against a floor measured in the same run."""
from bench import cold_start, pdf_letter, storage_calls

for benchmark in (cold_start, pdf_letter, storage_calls):
    benchmark.main()
