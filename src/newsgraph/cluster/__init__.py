"""Scale-out: extraction and merging on a Dask cluster."""
