{#
    Numbers the groups of overlapping or touching spells (start_date, end_date, inclusive) in each
    partition: a spell starting after every earlier spell has ended (with at least one day between)
    starts a new group. Range frames make spells starting the same day peers, so the result does not
    depend on how ties happen to be ordered. Renders a select over `relation` with a `spell_group` column.
#}
{% macro spell_groups(relation, partition_by) %}
    select
        *,
        sum(
            case
                when latest_earlier_end is null or start_date > latest_earlier_end + 1 then 1
                else 0
            end
        ) over (
            partition by {{ partition_by }}
            order by start_date
            range between unbounded preceding and current row
        ) as spell_group
    from (
        select
            *,
            max(end_date) over (
                partition by {{ partition_by }}
                order by start_date
                range between unbounded preceding and interval 1 day preceding
            ) as latest_earlier_end
        from {{ relation }}
    )
{% endmacro %}
