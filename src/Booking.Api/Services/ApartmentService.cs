using Booking.Api.Errors;
using Booking.Core.Apartments;
using Booking.Core.Validation;

namespace Booking.Api.Services;

/// <summary>The apartment fields of the API over the apartment table.</summary>
public sealed class ApartmentService(IApartmentStore store)
{
    /// <summary>A scan is paged; this bounds how many items one <c>apartments</c> query returns.</summary>
    public const int MaxListed = 1000;

    private const int PageSize = 100;

    public Task<Apartment?> GetAsync(string? id, CancellationToken cancellationToken) =>
        store.GetAsync(InputRules.RequireApartmentId(id, "id"), cancellationToken);

    public async Task<IReadOnlyList<Apartment>> ListAsync(CancellationToken cancellationToken)
    {
        var all = new List<Apartment>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(PageSize, token, cancellationToken);
            all.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null && all.Count < MaxListed);

        return all.Count > MaxListed ? all.GetRange(0, MaxListed) : all;
    }

    public async Task<Apartment> AddAsync(string? id, CancellationToken cancellationToken)
    {
        var apartmentId = InputRules.RequireApartmentId(id, "id");
        if (!await store.AddAsync(apartmentId, cancellationToken))
        {
            throw new ApiException(ApiErrorCodes.Conflict, $"Apartment '{apartmentId}' already exists; it was left unchanged.");
        }

        return await store.GetAsync(apartmentId, cancellationToken)
            ?? new Apartment(apartmentId, ApartmentStatus.Vacant);
    }
}
