-- Generated from data_contracts/program__screeninger.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('program', 'screeninger') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(cpr as varchar) as person_id,
        cast(dato as date) as screening_date,
        cast(domaene as varchar) as domain,
        cast(score as bigint) as score

    from source

)

select * from renamed
