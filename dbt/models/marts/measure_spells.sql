with measure_spells as (

    select * from {{ ref('int_measure_spells') }}

),

final as (

    select
        kommunekode,
        measure_kind,
        measure_id,
        person_id,
        measure_code,
        start_date,
        end_date,
        is_open,
        coalesce(is_placement, false) as is_placement,
        cast(rate_dkk as decimal(18, 2)) as rate_dkk,
        rate_unit,
        cast(hours_per_week as double) as hours_per_week
    from measure_spells

)

select * from final
