-- Generated from data_contracts/cpr__relationer.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('cpr', 'relationer') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(cpr_barn as varchar) as child_id,
        cast(cpr_foraelder as varchar) as parent_id,
        cast(relation as varchar) as parent_relation,
        cast(fra_dato as date) as valid_from,
        cast(til_dato as date) as valid_to

    from source

)

select * from renamed
