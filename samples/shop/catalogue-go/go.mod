module example.com/shop/catalogue

go 1.22
