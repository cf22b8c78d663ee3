namespace Booking.Api.Paging;

/// <summary>One page of a list. <see cref="NextToken"/> is null only when nothing follows: pass it as <c>after</c>
/// to read the next page (the AppSync convention, so its clients page as they always have).</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? NextToken);
