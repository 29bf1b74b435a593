{#- Fails for every spell (valid_from, valid_to inclusive) that starts on or before the end of an earlier spell
    of the same partition: within a partition no two spells share a day. -#}
{% test no_overlapping_spells(model, partition_by, valid_from='valid_from', valid_to='valid_to') %}
select *
from (
    select
        *,
        max({{ valid_to }}) over (
            partition by {{ partition_by | join(', ') }}
            order by {{ valid_from }}, {{ valid_to }}
            rows between unbounded preceding and 1 preceding
        ) as latest_earlier_end
    from {{ model }}
) as spells
where {{ valid_from }} <= latest_earlier_end
{% endtest %}
