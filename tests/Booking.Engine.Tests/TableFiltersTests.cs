using Booking.Engine.Storage;

namespace Booking.Engine.Tests;

/// <summary>A sharded table routes a query by the one partition its filter names, and refuses any other filter.</summary>
public sealed class TableFiltersTests
{
    [Theory]
    [InlineData("PartitionKey eq 'r-1'", "r-1")]
    [InlineData("PartitionKey eq 'r-1' and (RowKey eq 'sentinel' or ExecutionId eq 'e1')", "r-1")]
    [InlineData("PartitionKey eq 'r-1' and EventType eq 'OrchestratorStarted'", "r-1")]
    [InlineData("PartitionKey eq 'it''s' and RowKey eq 'a or b'", "it's")]
    [InlineData("PartitionKey eq ''", "")]
    public void A_filter_that_starts_with_one_partition_and_only_narrows_it_names_that_partition(string filter, string partitionKey)
    {
        Assert.Equal(partitionKey, TableFilters.SinglePartitionKey(filter));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RowKey eq 'a' and PartitionKey eq 'r-1'")]
    [InlineData("PartitionKey ge 'r-' and PartitionKey lt 'r.'")]
    [InlineData("PartitionKey eq 'r-1' or PartitionKey eq 'r-2'")]
    [InlineData("PartitionKey eq 'r-1' and RowKey eq 'a' or RowKey eq 'b'")]
    [InlineData("PartitionKey eq 'r-1'x")]
    [InlineData("PartitionKey eq 'unterminated")]
    public void A_filter_that_may_span_partitions_names_none(string? filter)
    {
        Assert.Null(TableFilters.SinglePartitionKey(filter));
    }

    [Fact]
    public void The_shard_of_a_key_depends_only_on_the_key_and_the_count_and_spreads_keys()
    {
        var keys = Enumerable.Range(0, 400).Select(i => $"reservation-{i}").ToList();

        var shards = keys.Select(k => PartitionedTableClient.ShardOf(k, 8)).ToList();

        Assert.Equal(shards, keys.Select(k => PartitionedTableClient.ShardOf(new string(k.ToCharArray()), 8)));
        Assert.All(shards, s => Assert.InRange(s, 0, 7));
        Assert.All(Enumerable.Range(0, 8), s => Assert.InRange(shards.Count(x => x == s), 25, 75));
        Assert.All(keys, k => Assert.Equal(0, PartitionedTableClient.ShardOf(k, 1)));
    }

    [Fact]
    public void Shard_zero_keeps_the_table_name_and_the_others_add_two_digits()
    {
        Assert.Equal("HubHistory", PartitionedTableClient.ShardName("HubHistory", 0));
        Assert.Equal("HubHistory01", PartitionedTableClient.ShardName("HubHistory", 1));
        Assert.Equal("HubHistory31", PartitionedTableClient.ShardName("HubHistory", 31));
    }
}
