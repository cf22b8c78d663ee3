// Every test runs whole hosts and emulators; one at a time keeps a shared 2-core machine responsive and the timings
// the tests rely on (payment windows of a few seconds) honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
