with interval_members as (

    select * from {{ ref('int_family_interval_members') }}

),

interval_families as (

    -- one row per family and elementary interval, with its members and their roles as one signature
    select
        kommunekode,
        static_component_id,
        interval_from,
        interval_to,
        family_label,
        md5(string_agg(person_id || ':' || role, ',' order by person_id)) as member_signature
    from interval_members
    group by kommunekode, static_component_id, interval_from, interval_to, family_label

),

islands as (

    -- consecutive intervals with the same members in the same roles form one family spell (gaps and islands)
    select
        *,
        sum(case when interval_from = previous_to + 1 then 0 else 1 end) over (
            partition by kommunekode, static_component_id, member_signature
            order by interval_from
            rows between unbounded preceding and current row
        ) as island
    from (
        select
            *,
            lag(interval_to) over (
                partition by kommunekode, static_component_id, member_signature order by interval_from
            ) as previous_to
        from interval_families
    ) as ordered

),

spells as (

    select
        kommunekode,
        static_component_id,
        member_signature,
        island,
        min(family_label) as first_member_id,
        min(interval_from) as valid_from,
        max(interval_to) as valid_to
    from islands
    group by kommunekode, static_component_id, member_signature, island

),

spell_intervals as (

    select
        islands.kommunekode,
        islands.static_component_id,
        islands.interval_from,
        islands.family_label,
        md5(spells.kommunekode || '|' || spells.first_member_id || '|' || cast(spells.valid_from as varchar))
            as family_id,
        spells.valid_from,
        spells.valid_to
    from islands
    inner join spells
        on islands.kommunekode = spells.kommunekode
        and islands.static_component_id = spells.static_component_id
        and islands.member_signature = spells.member_signature
        and islands.island = spells.island

),

final as (

    select distinct
        interval_members.kommunekode,
        spell_intervals.family_id,
        interval_members.person_id,
        interval_members.role,
        spell_intervals.valid_from,
        spell_intervals.valid_to
    from interval_members
    inner join spell_intervals
        on interval_members.kommunekode = spell_intervals.kommunekode
        and interval_members.static_component_id = spell_intervals.static_component_id
        and interval_members.interval_from = spell_intervals.interval_from
        and interval_members.family_label = spell_intervals.family_label

)

select * from final
