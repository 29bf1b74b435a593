-- Generated from data_contracts/jobcenter__maalgrupper.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('jobcenter', 'maalgrupper') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(cpr as varchar) as person_id,
        cast(kategori as varchar) as target_group,
        cast(fra_dato as date) as valid_from,
        cast(til_dato as date) as valid_to

    from source

)

select * from renamed
