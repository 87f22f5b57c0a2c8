"""What the back-office calls: the engine's Camunda 8 REST API and the services' internal APIs."""
