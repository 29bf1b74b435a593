with child_measures as (

    select * from {{ ref('stg_boern__indsatser') }}

),

adult_measures as (

    select * from {{ ref('stg_voksen__indsatser') }}

),

child_measure_types as (

    select * from {{ ref('child_measure_types') }}

),

child_spells as (

    select
        child_measures.kommunekode,
        'child' as measure_kind,
        child_measures.measure_id,
        child_measures.child_id as person_id,
        child_measures.measure_code,
        child_measures.start_date,
        coalesce(child_measures.end_date, child_measures.extract_date) as end_date,
        child_measures.end_date is null as is_open,
        child_measures.rate_dkk,
        child_measures.rate_unit,
        child_measures.hours_per_week,
        coalesce(child_measure_types.is_placement, starts_with(child_measures.measure_code, 'ANBRINGELSE_'))
            as is_placement
    from child_measures
    left join child_measure_types on child_measures.measure_code = child_measure_types.code

),

adult_spells as (

    select
        kommunekode,
        'adult' as measure_kind,
        measure_id,
        person_id,
        measure_code,
        start_date,
        coalesce(end_date, extract_date) as end_date,
        end_date is null as is_open,
        rate_dkk,
        rate_unit,
        cast(null as double) as hours_per_week,
        false as is_placement
    from adult_measures

),

final as (

    select * from child_spells
    union all
    select * from adult_spells

)

select * from final
