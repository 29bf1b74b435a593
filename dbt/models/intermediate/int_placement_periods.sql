with measure_spells as (

    select * from {{ ref('int_measure_spells') }}
    where is_placement

),

numbered as (

    {{ spell_groups('measure_spells', 'kommunekode, person_id') }}

),

final as (

    select
        kommunekode,
        person_id,
        spell_group,
        min(start_date) as start_date,
        max(end_date) as end_date
    from numbered
    group by kommunekode, person_id, spell_group

)

select * from final
