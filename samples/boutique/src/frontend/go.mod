module example.com/boutique/frontend

go 1.21
